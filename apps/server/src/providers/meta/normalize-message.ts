import type { InboundMessage } from '../../domain/inbound-batch.js';
import { normalizeContent, understoodTypes } from './normalize-content.js';
import { normalizeContext } from './normalize-context.js';
import { normalizeErrors } from './normalize-error.js';
import { normalizeReferral } from './normalize-referral.js';
import { unsupportedContent, type NormalizedContent } from './normalized-content.js';
import { parseTimestamp } from './parse-timestamp.js';
import { readField, readId, readRecord, readString } from './read-json.js';

/**
 * One entry of `value.messages[]` (§3) as an InboundMessage, or null (with a problem reported) when
 * it has no id: without one it can be neither stored idempotently nor referred to. Any other message
 * is kept: an unknown type, or a known type whose body does not have the shape the type needs,
 * becomes `unsupported` with Meta's type name, its errors and the pruned body, so nothing a
 * customer sent disappears silently.
 */
export function normalizeMessage(
  value: unknown,
  now: number,
  report: (problem: string) => void,
): InboundMessage | null {
  const providerMessageId = readId(value, 'id');
  if (providerMessageId === null) {
    report('message without a string id; skipped');
    return null;
  }
  const type = readString(value, 'type');
  const body = type === null ? undefined : readField(value, type);
  let normalized = type === null ? null : normalizeContent(type, body, value);
  if (normalized === null) {
    if (type !== null && understoodTypes.has(type)) {
      report(`message ${providerMessageId}: ${type} body has an unexpected shape; kept as unsupported`);
    }
    normalized = unsupported(type, value, body);
  }
  return {
    providerMessageId,
    from: { waId: readString(value, 'from'), userId: readString(value, 'from_user_id') },
    timestamp: parseTimestamp(value, 'timestamp', now),
    ...normalized,
    ...normalizeContext(value),
    referral: normalizeReferral(value),
  };
}

/** For `type: "unsupported"` Meta names the original type in `unsupported.type` (§3.10). */
function unsupported(type: string | null, message: unknown, body: unknown): NormalizedContent {
  const originalType =
    type === 'unsupported' ? (readString(readRecord(message, 'unsupported'), 'type') ?? type) : type;
  return {
    type: 'unsupported',
    content: unsupportedContent(originalType, normalizeErrors(readField(message, 'errors')), body),
    media: null,
    targetProviderMessageId: null,
  };
}
