import type { FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { EmulatorInputError } from '../customers/emulator-input-error.js';

/** The control API's error body: `{"error":{"code","message","issues"?}}`. */
export interface ControlErrorBody {
  readonly error: {
    readonly code: 'invalid_request' | 'not_found' | 'internal';
    readonly message: string;
    readonly issues?: readonly { readonly path: string; readonly message: string }[];
  };
}

/**
 * Answers validation problems with a 400 that names the field, unknown things with a 404, and
 * anything else with a 500, without leaking a stack. Set on the control plugin's own context, so
 * the host app's error handler (the server's) does not reshape these answers.
 */
export function installControlErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, _request, reply) => {
    if (error instanceof ZodError) {
      const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
      return reply.code(400).send(body('invalid_request', message, issues));
    }
    if (error instanceof EmulatorInputError) {
      return reply
        .code(error.statusCode)
        .send(body(error.statusCode === 404 ? 'not_found' : 'invalid_request', error.message));
    }
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return reply.code(status).send(body('invalid_request', (error as Error).message));
    }
    reply.log.error({ err: error }, 'control API error');
    return reply.code(500).send(body('internal', 'the emulator failed to handle this request'));
  });
}

function body(
  code: ControlErrorBody['error']['code'],
  message: string,
  issues?: ControlErrorBody['error']['issues'],
): ControlErrorBody {
  return { error: { code, message, ...(issues && { issues }) } };
}
