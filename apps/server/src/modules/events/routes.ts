import { eventPageSchema } from '@switchboard/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../../store/store.js';

const eventsQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  conversationId: z.string().min(1).max(100).optional(),
  ref: z.string().min(1).max(200).optional(),
});

export async function eventRoutes(app: FastifyInstance, deps: { store: Store }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { store } = deps;

  typed.get(
    '/v1/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Events after a cursor, in seq order',
        description:
          'Pass the returned `next` as `after` to continue. `recovered: false` means `after` is older than the retained log: events were pruned and the client must reload its state.',
        querystring: eventsQuery,
        response: { 200: eventPageSchema },
      },
    },
    async (request) => {
      const { after, ...rest } = request.query;
      // A cursor older than the retained log cannot be resumed: say so and start at the head.
      if (after < (await store.prunedBefore()))
        return { events: [], next: await store.headSeq(), recovered: false };
      const events = await store.readEvents({ after, ...rest });
      return { events, next: events.at(-1)?.seq ?? after, recovered: true };
    },
  );
}
