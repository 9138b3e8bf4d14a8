import type { MessageError } from '@switchboard/protocol';
import { metaErrorInfo } from '@switchboard/whatsapp';
import { isRecord, readField, readRecord, readString } from './read-json.js';

/** Stands in when Meta reports a failed status without saying why. */
export const unexplainedFailure: MessageError = {
  code: 'unknown',
  title: 'Message failed',
  message: 'The provider reported the message as failed without an error object.',
  details: null,
  retryable: false,
};

/**
 * A webhook error object `{code, title, message, error_data: {details}, href}` (§7.1; the webhook
 * shape, not the Graph API one) as a MessageError. Missing parts are filled from our code table, so
 * that a status with only a code still reads well; `retryable` comes from that table and is false
 * for codes we do not know, since retrying blindly can spend a user's pair-rate quota.
 */
export function normalizeError(value: unknown): MessageError {
  const rawCode = readField(value, 'code');
  const code =
    typeof rawCode === 'number' && Number.isFinite(rawCode)
      ? rawCode
      : typeof rawCode === 'string' && rawCode.length > 0
        ? rawCode
        : 'unknown';
  const known = code === 'unknown' ? undefined : metaErrorInfo(code);
  const message = nonEmpty(readString(value, 'message'));
  const title = nonEmpty(readString(value, 'title')) ?? known?.title ?? message ?? 'Unknown error';
  return {
    code,
    title,
    message: message ?? title,
    details: readString(readRecord(value, 'error_data'), 'details'),
    retryable: known?.retryable ?? false,
  };
}

/** Every object of an `errors` array; anything else yields no errors. */
export function normalizeErrors(value: unknown): MessageError[] {
  return Array.isArray(value) ? value.filter(isRecord).map(normalizeError) : [];
}

function nonEmpty(s: string | null): string | null {
  return s === null || s.length === 0 ? null : s;
}
