import type { CustomProviderConfig } from './custom-provider-config.js';
import {
  compileExpression,
  defaultExpressionLimits,
  ExpressionSyntaxError,
  type CompiledExpression,
  type ExpressionLimits,
} from './jsonata-expression.js';

/** An HTTP request of a custom provider, ready to build: secrets resolved, body compiled. */
export interface CompiledRequest {
  url: string;
  method: 'POST' | 'PUT' | 'PATCH';
  headers: Readonly<Record<string, string>>;
  bodyFormat: 'json' | 'form';
  body: CompiledExpression;
}

export interface CompiledSignature {
  algorithm: 'sha256' | 'sha1';
  /** Lower case, as Node gives header names. */
  header: string;
  encoding: 'hex' | 'base64';
  prefix: string;
  secret: string;
  timestamp: { header: string; toleranceSeconds: number; payload: string } | null;
}

/** A custom provider as it runs: every expression compiled once, every `${NAME}` resolved. */
export interface CustomProviderDefinition {
  name: string;
  send: CompiledRequest & {
    messageId: CompiledExpression;
    error: CompiledExpression | null;
    retryableStatuses: ReadonlySet<number>;
  };
  markRead: CompiledRequest | null;
  receive: {
    bodyFormat: 'json' | 'form';
    signature: CompiledSignature;
    messages: CompiledExpression | null;
    statuses: CompiledExpression | null;
  };
  mediaHeaders: Readonly<Record<string, string>>;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Compiles one declared provider at start. Every problem is pushed to `problems` naming the field
 * as the config file spells it (`customProviders.chirp.send.body: … at position 14`); the result
 * is usable only when none was pushed.
 */
export function compileCustomProvider(
  name: string,
  config: CustomProviderConfig,
  env: Env,
  problems: string[],
): CustomProviderDefinition {
  const at = `customProviders.${name}`;
  const limits: ExpressionLimits = { ...defaultExpressionLimits, ...config.limits };
  const expression = (field: string, source: string): CompiledExpression => {
    try {
      return compileExpression(`${at}.${field}`, source, limits);
    } catch (err) {
      if (!(err instanceof ExpressionSyntaxError)) throw err;
      problems.push(err.message);
      return { field, source, evaluate: () => Promise.reject(err) };
    }
  };
  const text = (field: string, value: string) => interpolate(`${at}.${field}`, value, env, problems);
  const request = (field: string, r: CustomProviderConfig['markRead'] & object): CompiledRequest => {
    const url = text(`${field}.url`, r.url);
    if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
      problems.push(`${at}.${field}.url: must be an absolute http(s) URL (got "${r.url}")`);
    }
    return {
      url,
      method: r.method,
      headers: Object.fromEntries(
        Object.entries(r.headers).map(([header, value]) => [
          header.toLowerCase(),
          text(`${field}.headers.${header}`, value),
        ]),
      ),
      bodyFormat: r.bodyFormat,
      body: expression(`${field}.body`, r.body),
    };
  };

  const signature = config.receive.signature;
  const secretRef = /^\$\{([A-Z_][A-Z0-9_]*)\}$/.exec(signature.secret);
  let secret = '';
  if (!secretRef) {
    problems.push(
      `${at}.receive.signature.secret: must be \${NAME} of an environment variable; secrets are never written in the config file`,
    );
  } else {
    secret = text('receive.signature.secret', signature.secret);
    if (secret !== '' && secret.length < 16)
      problems.push(`${secretRef[1]}: the webhook secret of ${at} must be at least 16 characters`);
  }

  return {
    name,
    send: {
      ...request('send', config.send),
      messageId: expression('send.messageId', config.send.messageId),
      error: config.send.error === undefined ? null : expression('send.error', config.send.error),
      retryableStatuses: new Set(config.send.retryableStatuses),
    },
    markRead: config.markRead ? request('markRead', config.markRead) : null,
    receive: {
      bodyFormat: config.receive.bodyFormat,
      signature: {
        algorithm: signature.algorithm,
        header: signature.header.toLowerCase(),
        encoding: signature.encoding,
        prefix: signature.prefix,
        secret,
        timestamp: signature.timestamp
          ? { ...signature.timestamp, header: signature.timestamp.header.toLowerCase() }
          : null,
      },
      messages:
        config.receive.messages === undefined
          ? null
          : expression('receive.messages', config.receive.messages),
      statuses:
        config.receive.statuses === undefined
          ? null
          : expression('receive.statuses', config.receive.statuses),
    },
    mediaHeaders: Object.fromEntries(
      Object.entries(config.mediaHeaders).map(([header, value]) => [
        header.toLowerCase(),
        text(`mediaHeaders.${header}`, value),
      ]),
    ),
  };
}

/** `${NAME}` → the environment variable's value; an unset one is a problem naming both. */
function interpolate(field: string, value: string, env: Env, problems: string[]): string {
  return value.replace(/\$\{([^}]*)\}/g, (_match, variable: string) => {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(variable)) {
      problems.push(`${field}: "\${${variable}}" is not an environment variable name (A–Z, 0–9, _)`);
      return '';
    }
    const resolved = env[variable];
    if (resolved === undefined || resolved === '') {
      problems.push(`${field}: the environment variable ${variable} is not set`);
      return '';
    }
    return resolved;
  });
}
