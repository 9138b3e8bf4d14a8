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

const secretParams = new Set(['token', 'hub.verify_token']);

/**
 * Cuts credentials from a URL before it is logged: the value of every `token` / `hub.verify_token`
 * parameter, however its name is percent-encoded (`%74oken` is `token` to the query parser), and
 * anything shaped like a JWT wherever it appears.
 */
export function stripToken(url: string): string {
  const jwtFree = url.replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '[redacted]');
  const start = jwtFree.indexOf('?');
  if (start < 0) return jwtFree;
  const query = jwtFree
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      return secretParams.has(decodedName(pair.slice(0, eq))) ? `${pair.slice(0, eq)}=[redacted]` : pair;
    })
    .join('&');
  return `${jwtFree.slice(0, start)}?${query}`;
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}
