import type { CompiledRequest } from './compile-custom-provider.js';
import { ExpressionEvaluationError } from './jsonata-expression.js';

/** A custom provider's request, built: what goes on the wire, or why it cannot be built. */
export type BuiltRequest =
  | { ok: true; url: URL; method: CompiledRequest['method']; headers: Record<string, string>; body: Buffer }
  | { ok: false; reason: string };

/**
 * Evaluates a request's body expression on `input` and encodes the result as JSON or as a form.
 * A form takes a flat object: strings, numbers and booleans, or arrays of them (repeated fields).
 */
export async function buildRequest(request: CompiledRequest, input: unknown): Promise<BuiltRequest> {
  let value: unknown;
  try {
    value = await request.body.evaluate(input);
  } catch (err) {
    if (err instanceof ExpressionEvaluationError) return { ok: false, reason: err.message };
    throw err;
  }
  if (value === undefined) return { ok: false, reason: `${request.body.field}: the expression gave no body` };
  const headers: Record<string, string> = { 'user-agent': 'switchboard', ...request.headers };
  if (request.bodyFormat === 'json') {
    headers['content-type'] ??= 'application/json';
    return {
      ok: true,
      url: new URL(request.url),
      method: request.method,
      headers,
      body: Buffer.from(JSON.stringify(value), 'utf8'),
    };
  }
  const form = toForm(value);
  if (typeof form === 'string') return { ok: false, reason: `${request.body.field}: ${form}` };
  headers['content-type'] ??= 'application/x-www-form-urlencoded';
  return {
    ok: true,
    url: new URL(request.url),
    method: request.method,
    headers,
    body: Buffer.from(form.toString(), 'utf8'),
  };
}

function toForm(value: unknown): URLSearchParams | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return 'a form body must be an object of fields';
  }
  const form = new URLSearchParams();
  for (const [name, field] of Object.entries(value)) {
    for (const item of Array.isArray(field) ? field : [field]) {
      if (item === null) continue;
      if (typeof item === 'object') return `the form field "${name}" is not a string, number or boolean`;
      form.append(name, String(item));
    }
  }
  return form;
}
