import type { InboundStatus, InboundStatusValue } from '../../domain/inbound-batch.js';
import { normalizeError, unexplainedFailure } from './normalize-error.js';
import { parseTimestamp } from './parse-timestamp.js';
import { pruneJson } from './prune-json.js';
import { isRecord, readId, readList, readRecord, readString } from './read-json.js';

const statusValues: ReadonlySet<string> = new Set<InboundStatusValue>([
  'sent',
  'delivered',
  'read',
  'played',
  'failed',
]);

/**
 * One entry of `value.statuses[]` (§4), or null (with a problem reported) when it has no id or a
 * status we do not know (`deleted`/`warning` belonged to the retired On-Premises API). Pricing and
 * conversation are kept together, pruned, for the timeline. Only `failed` carries an error: the
 * first of `errors`, or a stand-in when Meta sent none, so a failure is never without a reason.
 */
export function normalizeStatus(
  value: unknown,
  now: number,
  report: (problem: string) => void,
): InboundStatus | null {
  const providerMessageId = readId(value, 'id');
  if (providerMessageId === null) {
    report('status without a string id; skipped');
    return null;
  }
  const status = readString(value, 'status');
  if (status === null || !isStatusValue(status)) {
    report(`status of ${providerMessageId}: unknown status value; skipped`);
    return null;
  }
  const firstError = readList(value, 'errors')?.find(isRecord);
  return {
    providerMessageId,
    status,
    timestamp: parseTimestamp(value, 'timestamp', now),
    recipient: { waId: readString(value, 'recipient_id'), userId: readString(value, 'recipient_user_id') },
    error: status !== 'failed' ? null : firstError ? normalizeError(firstError) : { ...unexplainedFailure },
    pricing: pricingOf(value),
    bizOpaqueCallbackData: readString(value, 'biz_opaque_callback_data'),
  };
}

function isStatusValue(s: string): s is InboundStatusValue {
  return statusValues.has(s);
}

function pricingOf(value: unknown): Record<string, unknown> | null {
  const pricing = readRecord(value, 'pricing');
  const conversation = readRecord(value, 'conversation');
  if (pricing === null && conversation === null) return null;
  const kept = pricing === null ? {} : pruneJson(pricing);
  return {
    ...(isRecord(kept) ? kept : {}),
    conversation: conversation === null ? null : (pruneJson(conversation) ?? null),
  };
}
