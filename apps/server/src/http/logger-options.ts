import type { LoggerOptions } from 'pino';

/**
 * pino options: never log credentials. Authorization headers are redacted and `token` query
 * parameters (browsers pass agent tokens on stream URLs) are cut from logged URLs.
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-hub-signature-256"]'],
      censor: '[redacted]',
    },
    serializers: {
      req(request: { method: string; url: string; id: string; ip?: string }) {
        return { id: request.id, method: request.method, url: stripToken(request.url), ip: request.ip };
      },
    },
  };
}

export function stripToken(url: string): string {
  return url.replace(/([?&](token|hub\.verify_token)=)[^&]*/gi, '$1[redacted]');
}
