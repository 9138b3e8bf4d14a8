import { describe, expect, it } from 'vitest';
import type { ThreadEntry } from './thread-item.js';
import { ThreadStore } from './thread-store.js';

const entry = (n: number, visible = true): [ThreadEntry, boolean] => [
  {
    id: `wamid.${n}`,
    phoneNumberId: '100',
    waId: n % 2 === 0 ? '491' : '492',
    direction: 'in',
    type: 'text',
    timestamp: n,
    preview: `m${n}`,
    message: {},
    reactions: [],
    edited: false,
    revoked: false,
  },
  visible,
];

describe('ThreadStore', () => {
  it('forgets the oldest messages beyond its bound, from the index and from their thread', () => {
    const store = new ThreadStore(3);
    for (let n = 1; n <= 5; n++) store.add(...entry(n, n !== 4));
    expect(store.find('wamid.1')).toBeUndefined();
    expect(store.find('wamid.2')).toBeUndefined();
    expect(store.find('wamid.3')).toBeDefined();
    expect(store.get('100', '492')!.items.map((e) => e.id)).toEqual(['wamid.3', 'wamid.5']);
    expect(store.get('100', '491')!.items.map((e) => e.id)).toEqual([]);
  });
});
