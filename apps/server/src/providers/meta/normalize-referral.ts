import type { Referral } from '@switchboard/protocol';
import { readRecord, readString } from './read-json.js';

/** The Click-to-WhatsApp `referral` of a message (§3.13), or null when there is none. */
export function normalizeReferral(message: unknown): Referral | null {
  const referral = readRecord(message, 'referral');
  if (referral === null) return null;
  return {
    sourceUrl: readString(referral, 'source_url'),
    sourceId: readString(referral, 'source_id'),
    sourceType: readString(referral, 'source_type'),
    headline: readString(referral, 'headline'),
    body: readString(referral, 'body'),
    mediaType: readString(referral, 'media_type'),
    imageUrl: readString(referral, 'image_url'),
    videoUrl: readString(referral, 'video_url'),
    thumbnailUrl: readString(referral, 'thumbnail_url'),
    ctwaClid: readString(referral, 'ctwa_clid'),
    welcomeMessage: readString(readRecord(referral, 'welcome_message'), 'text'),
  };
}
