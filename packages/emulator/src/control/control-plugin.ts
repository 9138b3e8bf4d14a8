import type { FastifyPluginAsync } from 'fastify';
import { customerMessageInputSchema } from '../customers/customer-message-input.js';
import { faultPlanPatchSchema } from '../faults/fault-plan.js';
import { installControlErrors } from './control-errors.js';
import { addCustomerBody, phoneNumberQuery, readBody, waIdParams, webhooksQuery } from './control-schemas.js';
import type { ControlTarget } from './control-target.js';
import { serveEventStream } from './event-stream.js';

export interface ControlPluginOptions {
  readonly target: ControlTarget;
  /** Interval of the SSE `: ping` comment; 15 s by default. */
  readonly pingIntervalMs?: number;
  /** Largest request body (customer media arrive base64-encoded); 140 MB by default. */
  readonly bodyLimit?: number;
}

/**
 * The control API (JSON), mounted by the emulator under `/_control`: what tests and the phone page
 * use to make customers speak and read, to inspect threads and webhook deliveries, and to set
 * faults. Validation is done with zod inside the handlers rather than route schemas, because the
 * plugin is mounted inside host apps (the server) whose schema compilers expect other schema types.
 */
export function controlPlugin(options: ControlPluginOptions): FastifyPluginAsync {
  const { target } = options;
  const pingIntervalMs = options.pingIntervalMs ?? 15_000;
  const bodyLimit = options.bodyLimit ?? 140 * 1024 * 1024;

  return async (app) => {
    installControlErrors(app);
    // Own JSON parsing, independent of what the host app registered; an empty body is no body.
    app.removeAllContentTypeParsers();
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') return done(null, undefined);
      void parseJson(request, text, done);
    });

    const streams = new Set<() => void>();
    const endStreams = () => {
      for (const end of [...streams]) end();
    };
    const stopListening = target.onClose(endStreams);
    // Open event streams would otherwise keep `app.close()` waiting for their connections.
    app.addHook('preClose', async () => {
      endStreams();
      stopListening();
    });

    app.get('/state', async () => target.state());

    app.post('/customers', async (request, reply) => {
      const body = addCustomerBody.parse(request.body);
      return reply.code(201).send(target.addCustomer(body));
    });

    app.get('/customers/:waId/thread', async (request) => {
      const { waId } = waIdParams.parse(request.params);
      const { phoneNumberId } = phoneNumberQuery.parse(request.query);
      return target.thread(waId, phoneNumberId);
    });

    app.post('/customers/:waId/messages', { bodyLimit }, async (request, reply) => {
      const { waId } = waIdParams.parse(request.params);
      const message = customerMessageInputSchema.parse(request.body);
      return reply.code(201).send(target.customerSends(waId, message));
    });

    app.post('/customers/:waId/read', async (request) => {
      const { waId } = waIdParams.parse(request.params);
      const { phoneNumberId } = readBody.parse(request.body ?? {});
      return target.customerReads(waId, phoneNumberId === undefined ? {} : { phoneNumberId });
    });

    app.get('/stream', (request, reply) => {
      serveEventStream(target, request, reply, {
        pingIntervalMs,
        register: (end) => {
          streams.add(end);
          return () => streams.delete(end);
        },
      });
    });

    app.get('/faults', async () => target.faults());
    app.put('/faults', async (request) => target.setFaults(faultPlanPatchSchema.parse(request.body ?? {})));

    app.get('/webhooks', async (request) => {
      const { state } = webhooksQuery.parse(request.query);
      return target.webhooks(state === undefined ? {} : { state });
    });
    app.post('/webhooks/release', async () => ({ released: target.releaseWebhooks() }));

    app.post('/reset', async () => {
      target.reset();
      return { reset: true };
    });
  };
}
