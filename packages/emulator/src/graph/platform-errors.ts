import { GraphError } from '../core/graph-error.js';

/**
 * Errors the Graph platform itself answers, before WhatsApp looks at the request: token problems,
 * unknown objects and unknown paths. Unlike WhatsApp's errors their `message` is free text rather
 * than `(#code) Title`, and they carry no `error_data` (docs/whatsapp-cloud-api.md §7.1).
 */
export class PlatformGraphError extends GraphError {
  constructor(
    code: number,
    message: string,
    readonly errorType: 'OAuthException' | 'GraphMethodException',
    options: { httpStatus: number; subcode?: number },
  ) {
    super(code, message, options);
    this.message = message;
  }
}

/** The `WWW-Authenticate` value Graph sends with 401 answers. */
export const OAUTH_CHALLENGE = 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token"';

export const accessTokenMissing = () =>
  new PlatformGraphError(190, 'An access token is required to request this resource.', 'OAuthException', {
    httpStatus: 401,
  });

export const accessTokenInvalid = () =>
  new PlatformGraphError(190, 'Invalid OAuth access token - Cannot parse access token', 'OAuthException', {
    httpStatus: 401,
  });

/** Subcode 463: the token was valid once and has expired. */
export const accessTokenExpired = (expiredAt: number, now: number) =>
  new PlatformGraphError(
    190,
    `Error validating access token: Session has expired on ${new Date(expiredAt).toUTCString()}. ` +
      `The current time is ${new Date(now).toUTCString()}.`,
    'OAuthException',
    { httpStatus: 401, subcode: 463 },
  );

/**
 * 100 with subcode 33: the id is not an object this token can use in this way. Graph says the same
 * for an id that does not exist and for a method the object does not support.
 */
export const unknownObject = (method: string, id: string) =>
  new PlatformGraphError(
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded ` +
      'due to missing permissions, or does not support this operation. Please read the Graph API ' +
      'documentation at https://developers.facebook.com/docs/graph-api',
    'GraphMethodException',
    { httpStatus: 400, subcode: 33 },
  );

/** An edge (or deeper path) that the object does not have, e.g. `/{phone-number-id}/nonsense`. */
export const unknownPathComponents = (rest: string) =>
  new PlatformGraphError(2500, `Unknown path components: ${rest}`, 'OAuthException', { httpStatus: 400 });
