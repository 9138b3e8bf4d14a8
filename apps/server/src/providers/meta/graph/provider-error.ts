import { metaErrorInfo } from '@switchboard/whatsapp';

import type { ProviderError, ProviderErrorKind } from '../../provider.js';

export type { ProviderError, ProviderErrorKind };

/** Meta's error body, `{"error":{message,type,code,error_subcode?,error_data?:{details},fbtrace_id}}`. */
export interface GraphErrorObject {
  readonly message?: unknown;
  readonly type?: unknown;
  readonly code?: unknown;
  readonly error_subcode?: unknown;
  readonly error_data?: unknown;
  readonly fbtrace_id?: unknown;
}

const RATE_LIMIT_CODES = new Set([4, 80007, 130429]);
// 10, 200–299 (permissions) and 131005 (access denied) need someone to fix the token or its
// grants, exactly like 190 and 0, so they share the `auth` kind.
const AUTH_CODES = new Set([0, 10, 190, 131005]);
const INVALID_CODES = new Set([33, 100, 2500, 131008, 131009, 131021, 131051, 131053]);

/**
 * The kind of a Meta error code (docs/whatsapp-cloud-api.md §7.2). What is left retryable in the
 * shared table once rate and pair limits are taken out is a temporary failure.
 */
function kindOfMetaCode(code: number): ProviderErrorKind {
  if (RATE_LIMIT_CODES.has(code)) return 'rate_limit';
  if (code === 131056) return 'pair_limit';
  if (code === 131047) return 'window';
  if (code === 131026) return 'undeliverable';
  if (code >= 132000 && code <= 132999) return 'template';
  if (AUTH_CODES.has(code) || (code >= 200 && code <= 299)) return 'auth';
  if (INVALID_CODES.has(code)) return 'invalid';
  if (metaErrorInfo(code)?.retryable) return 'temporary';
  return 'other';
}

/** The `error` object of a Graph error body, or undefined when the body is something else. */
export function graphErrorObject(body: unknown): GraphErrorObject | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as GraphErrorObject).code;
  if (typeof code !== 'number' && !(typeof code === 'string' && /^\d+$/.test(code))) return undefined;
  return error;
}

/**
 * The ProviderError for a Graph error body. Retryable comes from our code table
 * (`metaErrorInfo`); a code we do not know is retryable only on a 5xx. `redact` scrubs the access
 * token, which Graph echoes in some messages ("Malformed access token EAAB…").
 */
export function providerErrorFromGraph(
  error: GraphErrorObject,
  httpStatus: number,
  retryAfterMs: number | null,
  redact: (text: string) => string,
): ProviderError {
  const code = Number(error.code);
  const info = metaErrorInfo(code);
  const message = typeof error.message === 'string' ? redact(error.message) : '';
  const details = (error.error_data as { details?: unknown } | undefined)?.details;
  const subcode = Number(error.error_subcode);
  return {
    code,
    title: info?.title ?? (message.replace(/^\(#\d+\)\s*/, '') || `Graph error ${code}`),
    message: message || (info?.title ?? `Graph error ${code}`),
    details: typeof details === 'string' ? redact(details) : null,
    retryable: info?.retryable ?? httpStatus >= 500,
    httpStatus,
    retryAfterMs,
    kind: kindOfMetaCode(code),
    subcode: Number.isSafeInteger(subcode) ? subcode : null,
    fbtraceId: typeof error.fbtrace_id === 'string' ? error.fbtrace_id : null,
  };
}

/**
 * The ProviderError for a 4xx answer without a Graph body (a proxy, a load balancer). 5xx answers
 * without one are not errors but ambiguous outcomes, and are not built here.
 */
export function providerErrorFromHttpStatus(
  httpStatus: number,
  bodyText: string,
  retryAfterMs: number | null,
): ProviderError {
  const kind: ProviderErrorKind =
    httpStatus === 429
      ? 'rate_limit'
      : httpStatus === 401 || httpStatus === 403
        ? 'auth'
        : httpStatus === 408
          ? 'temporary'
          : 'other';
  return {
    code: `http_${httpStatus}`,
    title: `HTTP ${httpStatus} without a Graph error body`,
    message: bodyText.slice(0, 200) || `HTTP ${httpStatus}`,
    details: null,
    // 408: the server gave up reading the request, so it did not act on it.
    retryable: httpStatus === 429 || httpStatus === 408,
    httpStatus,
    retryAfterMs,
    kind,
    subcode: null,
    fbtraceId: null,
  };
}

/** A connection that failed before the request was complete: nothing reached the provider. */
export function providerErrorNotSent(code: string, reason: string): ProviderError {
  return {
    code,
    title: 'The request did not reach the provider',
    message: reason,
    details: null,
    retryable: true,
    httpStatus: 0,
    retryAfterMs: null,
    kind: 'temporary',
    subcode: null,
    fbtraceId: null,
  };
}

/** A request that cannot be made as asked (it never left): sending it again cannot help. */
export function providerErrorInvalid(message: string, title = 'Invalid payload'): ProviderError {
  return { ...providerErrorNotSent('invalid_payload', message), title, retryable: false, kind: 'invalid' };
}

/** `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in ms from `now`. */
export function parseRetryAfter(header: string | string[] | undefined, now = Date.now()): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
