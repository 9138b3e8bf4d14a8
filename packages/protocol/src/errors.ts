/**
 * The one registry of API error codes: a stable snake_case id, its HTTP status and a default
 * message that says what to do next. Every error the API returns uses one of these ids inside the
 * envelope `{"error":{"code","message","details","requestId"}}`.
 */
export const errorCodes = {
  unauthorized: { status: 401, message: 'Send a valid API key or agent token as "Authorization: Bearer …".' },
  token_expired: { status: 401, message: 'The agent token has expired; ask the app for a new one.' },
  forbidden: {
    status: 403,
    message: 'This credential may not do this; the request needs the API key of the app backend.',
  },
  not_found: { status: 404, message: 'No such resource.' },
  route_not_found: { status: 404, message: 'No such endpoint; see /docs for the API.' },
  validation_failed: { status: 400, message: 'The request does not match the schema; see details.' },
  invalid_json: { status: 400, message: 'The body is not valid JSON.' },
  invalid_cursor: { status: 400, message: 'The cursor is not one this API issued; start again without it.' },
  unsupported_media_type: { status: 415, message: 'Send the body as application/json.' },
  payload_too_large: { status: 413, message: 'The body is larger than this endpoint accepts.' },
  media_too_large: {
    status: 413,
    message: 'The file is larger than WhatsApp accepts for its kind; see details for the limit.',
  },
  invalid_signature: {
    status: 401,
    message: 'The webhook signature is missing or does not match the app secret.',
  },
  verification_failed: { status: 403, message: 'The verify token does not match the configured one.' },
  window_closed: { status: 409, message: 'The 24-hour customer service window is closed; send a template.' },
  conflict: { status: 409, message: 'The request conflicts with the current state.' },
  rate_limited: { status: 429, message: 'Too many requests; retry after a pause.' },
  not_ready: { status: 503, message: 'The server is not ready; retry shortly.' },
  provider_unavailable: {
    status: 502,
    message: 'The WhatsApp provider did not accept the request; try again.',
  },
  internal: {
    status: 500,
    message: 'Something went wrong on our side; the request id helps find it in the logs.',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCodes;

/** The JSON body of every error response. */
export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string; details?: unknown; requestId?: string };
}
