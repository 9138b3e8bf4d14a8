import { errorCodes, type ErrorCode, type ErrorEnvelope } from '@switchboard/protocol';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors/app-error.js';

/** Fastify's own error codes that are the client's fault, mapped to ours. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_VALIDATION: 'validation_failed',
};

/** The envelope and status for `code` (for handlers that answer below Fastify). */
export function errorEnvelope(
  code: ErrorCode,
  requestId: string,
  message?: string,
  details?: unknown,
): { status: number; body: ErrorEnvelope } {
  const body: ErrorEnvelope = { error: { code, message: message ?? errorCodes[code].message, requestId } };
  if (details !== undefined) body.error.details = details;
  return { status: errorCodes[code].status, body };
}

export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  message?: string,
  details?: unknown,
): FastifyReply {
  const { status, body } = errorEnvelope(code, String(reply.request.id), message, details);
  return reply.code(status).type('application/json').send(body);
}

/** One error envelope for everything: our AppErrors, schema validation, Fastify's parse errors. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) return sendError(reply, error.code, error.message, error.details);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation as { instancePath: string; message?: string }[];
      const details = issues.map((v) => ({
        where: error.validationContext,
        path: v.instancePath,
        message: v.message,
      }));
      return sendError(reply, 'validation_failed', undefined, details);
    }
    const mapped = error.code ? fastifyCodes[error.code] : undefined;
    if (mapped) return sendError(reply, mapped, mapped === 'validation_failed' ? error.message : undefined);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, 'validation_failed', error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 'internal');
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 'route_not_found', `No route ${request.method} ${request.url.split('?')[0]}.`),
  );
}
