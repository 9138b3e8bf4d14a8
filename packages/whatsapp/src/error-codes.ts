/** What we know about one Meta error code. */
export interface MetaErrorInfo {
  /** Meta's title for the code (the text after `(#code)` in `message`), or a description of it. */
  readonly title: string;
  /** The HTTP status Meta answers with when the error is synchronous. */
  readonly httpStatus: number;
  /** Whether sending the same request again later can succeed without anyone changing anything. */
  readonly retryable: boolean;
}

const info = (title: string, httpStatus: number, retryable = false): MetaErrorInfo => ({
  title,
  httpStatus,
  retryable,
});

/**
 * Meta error codes seen with WhatsApp, from docs/whatsapp-cloud-api.md §7.2 (Meta's error-code
 * reference; the HTTP column comes from its older table). Retryable: rate limits (4, 80007, 130429,
 * 131056), temporary and server errors (1, 2, 131000, 131016, 131057, 133004). Everything else needs
 * a change first: a template instead of free-form (131047), another recipient, a fixed template.
 * 131048 (spam rate limit) is a quality restriction that does not lift on a retry, so it is not
 * retryable. Titles in parentheses in the reference are descriptions, not Meta's wording.
 */
export const META_ERROR_CODES: Readonly<Record<number, MetaErrorInfo>> = {
  0: info('AuthException', 401),
  1: info('API Unknown', 400, true),
  2: info('API Service', 503, true),
  3: info('API Method', 500),
  4: info('API Too Many Calls', 400, true),
  10: info('Permission Denied', 403),
  33: info('Parameter value is not valid', 400),
  100: info('Invalid parameter', 400),
  190: info('Access token has expired', 401),
  200: info('API Permission', 403),
  368: info('Temporarily blocked for policies violations', 403),
  80007: info('Rate limit issues', 400, true),
  130429: info('Rate limit hit', 400, true),
  130472: info("User's number is part of an experiment", 400),
  130497: info('Business account is restricted from messaging users in this country', 403),
  131000: info('Something went wrong', 500, true),
  131005: info('Access denied', 403),
  131008: info('Required parameter is missing', 400),
  131009: info('Parameter value is not valid', 400),
  131016: info('Service unavailable', 500, true),
  131021: info('Recipient cannot be sender', 400),
  131026: info('Message Undeliverable', 400),
  131030: info('Recipient phone number not in allowed list', 400),
  131031: info('Account has been locked', 403),
  131037: info('Display name approval required', 400),
  131042: info('Business eligibility payment issue', 400),
  131045: info('Incorrect certificate', 500),
  131047: info('Re-engagement message', 400),
  131048: info('Spam rate limit hit', 400),
  131049: info('Not delivered to maintain healthy ecosystem engagement', 400),
  131050: info('User stopped marketing messages', 400),
  131051: info('Unsupported message type', 400),
  131052: info('Media download error', 400),
  131053: info('Media upload error', 400),
  131055: info('Method not allowed', 400),
  131056: info('(Business Account, Consumer Account) pair rate limit hit', 400, true),
  131057: info('Account in maintenance mode', 500, true),
  131063: info('Marketing templates disabled on Cloud API', 400),
  131064: info('Messaging limit reached after template classification violations', 400),
  132000: info('Template Param Count Mismatch', 400),
  132001: info('Template does not exist', 404),
  132005: info('Template Hydrated Text Too Long', 400),
  132007: info('Template Format Character Policy Violated', 400),
  132012: info('Template Parameter Format Mismatch', 400),
  132015: info('Template is Paused', 400),
  132016: info('Template is Disabled', 400),
  132068: info('Flow is blocked', 400),
  132069: info('Flow is throttled', 400),
  133000: info('Incomplete Deregistration', 500),
  133004: info('Server Temporarily Unavailable', 503, true),
  133005: info('Two step verification PIN Mismatch', 400),
  133006: info('Phone number re-verification needed', 400),
  133008: info('Too many two step verification PIN guesses', 400),
  133009: info('Two step verification PIN guessed too fast', 400),
  133010: info('Phone number Not Registered', 400),
  133015: info('Please wait a few minutes before attempting to register', 400),
  133016: info('Register/deregister rate limit exceeded', 400),
  134011: info('WhatsApp Payments terms of service pending', 400),
  135000: info('Generic user error', 400),
};

/**
 * The table entry for a Meta error code (a number, or a string of digits as some payloads carry
 * it), or `undefined` for a code we do not know. Codes 200–299 share the "API Permission" entry.
 */
export function metaErrorInfo(code: number | string): MetaErrorInfo | undefined {
  const n = typeof code === 'number' ? code : /^\d{1,10}$/.test(code) ? Number(code) : NaN;
  if (!Number.isSafeInteger(n)) return undefined;
  if (Object.hasOwn(META_ERROR_CODES, n)) return META_ERROR_CODES[n];
  if (n >= 200 && n <= 299) return META_ERROR_CODES[200];
  return undefined;
}
