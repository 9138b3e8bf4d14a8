import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInboundBatch } from '../../domain/inbound-batch-schema.js';
import { customWebhooks } from './custom-webhooks.js';
import { ExpressionEvaluationError } from './jsonata-expression.js';
import { compiledWorkedExample } from './test-support/worked-example.js';

const webhooks = customWebhooks(compiledWorkedExample());

/** Anything a body can hold where the worked example looks, and anything at all elsewhere. */
const anything = fc.jsonValue({ maxDepth: 4 });
const event = fc.oneof(
  anything,
  fc.record(
    {
      type: fc.oneof(fc.constantFrom('message.received', 'message.status'), anything),
      at: anything,
      message: fc.oneof(
        anything,
        fc.record(
          {
            id: anything,
            from: anything,
            to: anything,
            content: fc.oneof(anything, fc.record({ kind: anything, text: anything, url: anything })),
          },
          { requiredKeys: [] },
        ),
      ),
      status: fc.oneof(
        anything,
        fc.record(
          { uuid: anything, whatsappId: anything, state: anything, sender: anything, reason: anything },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  ),
);

describe('the worked example normalizing any body (property)', () => {
  it('yields a batch that matches the schema, or an expression error, and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anything, fc.record({ events: fc.oneof(anything, fc.array(event, { maxLength: 8 })) })),
        async (body) => {
          try {
            const batch = await webhooks.normalize(
              Buffer.from(JSON.stringify(body) ?? 'null'),
              1_765_000_000_000,
            );
            expect(() => checkInboundBatch(batch)).not.toThrow();
          } catch (err) {
            expect(err).toBeInstanceOf(ExpressionEvaluationError);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
