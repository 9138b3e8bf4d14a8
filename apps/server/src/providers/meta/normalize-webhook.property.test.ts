import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeSafely } from './safe-batch.js';
import { customer, from, value, wamid, webhook } from './test-payloads.js';

const media = { mime_type: 'image/jpeg', sha256: 'abc=', id: '1', caption: 'c' };
const sample = webhook(
  value({
    contacts: [customer],
    messages: [
      { ...from(), type: 'text', text: { body: 'hi' }, context: { from: '1', id: wamid(), forwarded: true } },
      { ...from(), type: 'image', image: media, referral: { source_type: 'ad' } as never },
      { ...from(), type: 'location', location: { latitude: 1, longitude: 2, name: 'n' } },
      {
        ...from(),
        type: 'contacts',
        contacts: [{ name: { formatted_name: 'A' }, phones: [{ phone: '1' }] }],
      },
      {
        ...from(),
        type: 'interactive',
        interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', response_json: '{"a":[1]}' } },
      },
      { ...from(), type: 'reaction', reaction: { message_id: wamid(), emoji: '👍' } },
      {
        ...from(),
        type: 'order',
        order: {
          catalog_id: 'c',
          product_items: [{ product_retailer_id: 'p', quantity: '1', item_price: 2, currency: 'USD' }],
        },
      },
      { ...from(), type: 'system', system: { type: 'user_changed_number', wa_id: '2' } },
      {
        ...from(),
        type: 'edit',
        edit: { original_message_id: wamid(), message: { type: 'image', image: media } },
      },
      { ...from(), type: 'revoke', revoke: { original_message_id: wamid() } },
      {
        ...from(),
        type: 'unsupported',
        unsupported: { type: 'poll' },
        errors: [{ code: 131051, title: 't' }],
      },
    ],
    errors: [{ code: 131000, title: 'Something went wrong', error_data: { details: 'd' } }],
  }),
  value({
    statuses: [
      {
        id: wamid(),
        status: 'failed',
        timestamp: '1',
        errors: [{ code: 131047, title: 'Re-engagement message' }],
        pricing: { pricing_model: 'PMP', category: 'utility' },
        conversation: { id: 'c', origin: { type: 'utility' } },
      },
    ],
  }),
);

/** Every path (object key or array index) in the sample, so a mutation can hit any field. */
function pathsOf(root: unknown): (string | number)[][] {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, i]));
    else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) walk(item, [...path, k]);
    }
  };
  walk(root, []);
  return paths;
}
const samplePaths = pathsOf(sample);

function mutate(replacements: [number, unknown][]): unknown {
  const copy = structuredClone(sample) as unknown;
  let root = copy;
  for (const [index, replacement] of replacements) {
    const path = samplePaths[index % samplePaths.length]!;
    if (path.length === 0) {
      root = replacement;
      continue;
    }
    let parent: unknown = root;
    for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown> | null)?.[key];
    if (parent !== null && typeof parent === 'object') {
      (parent as Record<string | number, unknown>)[path.at(-1)!] = replacement;
    }
  }
  return root;
}

const wrongValue = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1e308, '', 'x', [], {}, '__proto__', 'constructor', 'text', 'failed'),
  fc.jsonValue({ maxDepth: 3 }),
);

describe('normalizeMetaWebhook is total', () => {
  it('the sample itself normalizes without problems', () => {
    const batch = normalizeSafely(sample);
    expect(batch.problems).toEqual([]);
    expect(batch.changes[0]!.messages).toHaveLength(11);
  });

  it('returns a batch for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => void normalizeSafely(v)),
      { numRuns: 500 },
    );
  });

  it('returns a batch for any JavaScript value, odd prototypes included', () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withObjectString: true, withBoxedValues: true }),
        (v) => {
          void normalizeSafely(v);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('returns a batch when random fields of a valid payload get the wrong type', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), wrongValue), { minLength: 1, maxLength: 6 }),
        (replacements) => {
          void normalizeSafely(mutate(replacements));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('returns a batch for envelope-shaped junk', () => {
    const junkMessage = fc.dictionary(
      fc.constantFrom(
        'id',
        'type',
        'from',
        'timestamp',
        'text',
        'image',
        'context',
        'edit',
        'errors',
        'interactive',
      ),
      wrongValue,
    );
    fc.assert(
      fc.property(
        fc.array(junkMessage, { maxLength: 5 }),
        fc.array(junkMessage, { maxLength: 5 }),
        (m, s) => {
          void normalizeSafely(
            webhook(value({ messages: m as never, statuses: s as never, errors: m as never })),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
