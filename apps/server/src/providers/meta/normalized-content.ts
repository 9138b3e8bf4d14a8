import type { MessageError, MessageType } from '@switchboard/protocol';
import type { InboundMedia } from '../../domain/inbound-batch.js';
import { pruneJson } from './prune-json.js';

/** What the per-type normalizers make of a message body (the message-level fields come apart). */
export interface NormalizedContent {
  type: MessageType;
  content: Record<string, unknown>;
  media: InboundMedia | null;
  /** For reaction, edit and revoke: the provider id of the message they change. */
  targetProviderMessageId: string | null;
}

/** A plain result: content only, no media, no target. */
export function contentOnly(type: MessageType, content: Record<string, unknown>): NormalizedContent {
  return { type, content, media: null, targetProviderMessageId: null };
}

/**
 * The content of a message we keep without understanding it: what Meta called it, the errors it
 * attached (131051 "Message type unknown" and the like) and the body, pruned.
 */
export function unsupportedContent(
  originalType: string | null,
  errors: readonly MessageError[],
  body: unknown,
): Record<string, unknown> {
  return { originalType, errors, raw: pruneJson(body) ?? null };
}
