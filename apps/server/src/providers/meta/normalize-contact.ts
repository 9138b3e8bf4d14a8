import type { InboundContact } from '../../domain/inbound-batch.js';
import { isRecord, readId, readRecord, readString } from './read-json.js';

/** One sender of `value.contacts[]`, or null when the entry is not an object. */
export function normalizeContact(value: unknown): InboundContact | null {
  if (!isRecord(value)) return null;
  const profile = readRecord(value, 'profile');
  return {
    waId: readId(value, 'wa_id'),
    userId: readId(value, 'user_id'),
    parentUserId: readId(value, 'parent_user_id'),
    username: readString(profile, 'username'),
    profileName: readString(profile, 'name'),
  };
}
