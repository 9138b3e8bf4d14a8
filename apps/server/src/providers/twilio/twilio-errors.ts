import type { ProviderError, ProviderErrorKind } from '../provider.js';

/**
 * Twilio's error codes (https://www.twilio.com/docs/api/errors, as docs/providers.md lists them)
 * in the port's classes. A code not listed is `other`, retryable only when Twilio answered 5xx.
 */
const kinds: Readonly<Record<number, { kind: ProviderErrorKind; retryable: boolean; title: string }>> = {
  63016: { kind: 'window', retryable: false, title: 'Outside the 24-hour window' },
  63018: { kind: 'rate_limit', retryable: true, title: 'Rate limit exceeded for the channel' },
  20429: { kind: 'rate_limit', retryable: true, title: 'Too many requests' },
  63024: { kind: 'undeliverable', retryable: false, title: 'Invalid message recipient' },
  63003: { kind: 'undeliverable', retryable: false, title: 'The channel could not find the To address' },
  21211: { kind: 'undeliverable', retryable: false, title: "Invalid 'To' phone number" },
  21610: { kind: 'undeliverable', retryable: false, title: 'The recipient unsubscribed' },
  63032: { kind: 'undeliverable', retryable: false, title: 'The recipient cannot receive this message' },
  20003: { kind: 'auth', retryable: false, title: 'Authentication error' },
  20404: { kind: 'invalid', retryable: false, title: 'The resource was not found' },
  21606: {
    kind: 'auth',
    retryable: false,
    title: "The 'From' number is not a valid channel for this account",
  },
  63007: { kind: 'auth', retryable: false, title: 'No channel for the From address' },
  21602: { kind: 'invalid', retryable: false, title: 'The message body is required' },
  21617: { kind: 'invalid', retryable: false, title: 'The message body is too long' },
  63005: { kind: 'invalid', retryable: false, title: 'The channel did not accept the content' },
  63013: { kind: 'invalid', retryable: false, title: "The channel's policy refused the message" },
  63027: { kind: 'template', retryable: false, title: 'The template could not be delivered' },
  63028: { kind: 'template', retryable: false, title: 'The number of template parameters does not match' },
  63049: { kind: 'other', retryable: false, title: 'Meta chose not to deliver this marketing message' },
  30001: { kind: 'temporary', retryable: true, title: 'Queue overflow' },
  30008: { kind: 'temporary', retryable: true, title: 'Unknown error at the carrier' },
};

/** A Twilio error (an API answer's `{code, message}`, or a status callback's `ErrorCode`) in our terms. */
export function twilioProviderError(
  code: number | null,
  message: string | null,
  httpStatus: number,
  retryAfterMs: number | null = null,
): ProviderError {
  const known = code === null ? undefined : kinds[code];
  return {
    code: code ?? `http_${httpStatus}`,
    title: known?.title ?? 'Twilio error',
    message: message ?? known?.title ?? `Twilio answered ${httpStatus}`,
    details: code === null ? null : `https://www.twilio.com/docs/errors/${code}`,
    retryable: known?.retryable ?? httpStatus >= 500,
    httpStatus,
    retryAfterMs,
    kind: known?.kind ?? (httpStatus >= 500 ? 'temporary' : httpStatus === 401 ? 'auth' : 'other'),
    subcode: null,
    fbtraceId: null,
  };
}
