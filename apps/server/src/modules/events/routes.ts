import { eventPageSchema, type EventPage } from '@switchboard/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventHub } from '../../realtime/event-hub.js';
import type { Store } from '../../store/store.js';
import type { RealtimeOptions } from '../realtime/realtime-options.js';
import { streamOptions } from '../realtime/stream-access.js';
import { waitForEvents } from './long-poll-wait.js';
import { readScopedPage } from './scoped-page.js';

export interface EventRouteDeps {
  store: Store;
  hub: EventHub;
  options: RealtimeOptions;
}

/** `GET /v1/events`: a page of the event log, or a long-poll with `wait` (docs/realtime.md). */
export async function eventRoutes(app: FastifyInstance, deps: EventRouteDeps): Promise<void> {
  const { store, hub, options } = deps;
  const eventsQuery = z.object({
    // `head`: live only, from the current head (what the streams do without `after`); the SDK's
    // long-poll starts so when it has no cursor yet.
    after: z.union([z.literal('head'), z.coerce.number().int().min(0)]).default(0),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    wait: z.coerce.number().min(0).max(options.maxWaitSeconds).optional(),
    conversationId: z.string().min(1).max(100).optional(),
    ref: z.string().min(1).max(200).optional(),
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Events after a cursor, in seq order (long-poll with `wait`)',
        description:
          "Only events in the caller's scope, optionally narrowed to one `conversationId` or `ref`. Pass the returned `next` as `after` to continue (it moves past events outside the scope too); `after=head` starts at the current head (live only). With `wait` (seconds, ≤ 30) the request answers at once when events exist, otherwise when one arrives or after `wait` seconds with an empty page. `recovered: false` means `after` is older than the retained log: events were pruned and the client must reload its state.",
        querystring: eventsQuery,
        response: { 200: eventPageSchema },
      },
    },
    async (request, reply): Promise<EventPage> => {
      const { after: from, limit, wait, ...narrowing } = request.query;
      const subscribeOptions = await streamOptions(request.principal, narrowing, store);
      const after = from === 'head' ? Math.max(hub.head, await store.headSeq()) : from;
      // A cursor older than the retained log cannot be resumed: say so and start at the head.
      if (after < (await store.prunedBefore())) {
        return { events: [], next: Math.max(hub.head, await store.headSeq()), recovered: false };
      }
      const filter = { ...subscribeOptions };
      const page = await readScopedPage(store, { after, limit, filter, headBefore: hub.head });
      if (page.events.length > 0 || !wait || !page.reachedHead) {
        return { events: page.events, next: page.next, recovered: true };
      }
      const gone = new AbortController();
      reply.raw.once('close', () => gone.abort());
      const waited = await waitForEvents(
        hub,
        { ...subscribeOptions, after: page.next },
        limit,
        wait * 1000,
        gone.signal,
      );
      // Answered because the node shuts down: the connection must not stay open as an idle
      // keep-alive, or the server's close would wait for it to time out.
      if (waited.endedBy === 'shutdown') reply.header('connection', 'close');
      return { events: waited.events, next: waited.next, recovered: waited.recovered };
    },
  );
}
