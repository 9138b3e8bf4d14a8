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
  let body: string;
  let type: string;
  if (request.bodyFormat === 'json') {
    body = JSON.stringify(value);
    type = 'application/json';
  } else {
    const form = toForm(value);
    if (typeof form === 'string') return { ok: false, reason: `${request.body.field}: ${form}` };
    body = form.toString();
    type = 'application/x-www-form-urlencoded';
  }
  // A declared content type wins (`content-type` in the definition's headers, lower-cased at start).
  const headers = { 'user-agent': 'switchboard', 'content-type': type, ...request.headers };
  return {
    ok: true,
    url: new URL(request.url),
    method: request.method,
    headers,
    body: Buffer.from(body, 'utf8'),
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
