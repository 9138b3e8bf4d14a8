import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock.js';
import { MemoryMediaStore } from './memory-media-store.js';

describe('MemoryMediaStore', () => {
  it('stores bytes under a fresh numeric id with their sha256, size and time', () => {
    const clock = new ManualClock();
    const store = new MemoryMediaStore(clock);
    const bytes = Buffer.from('hello');
    const media = store.put({ phoneNumberId: '1', bytes, mimeType: 'text/plain', filename: 'a.txt' });
    expect(media).toEqual({
      id: expect.stringMatching(/^[1-9]\d{14,15}$/),
      phoneNumberId: '1',
      mimeType: 'text/plain',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      fileSize: 5,
      filename: 'a.txt',
      bytes,
      createdAt: clock.now(),
    });
    expect(store.get(media.id)).toBe(media);
  });

  it('gives every put its own id', () => {
    const store = new MemoryMediaStore();
    const ids = new Set(
      Array.from(
        { length: 500 },
        () => store.put({ phoneNumberId: '1', bytes: Buffer.alloc(1), mimeType: 'image/png' }).id,
      ),
    );
    expect(ids.size).toBe(500);
  });

  it('deletes once, then forgets the id', () => {
    const store = new MemoryMediaStore();
    const { id } = store.put({ phoneNumberId: '1', bytes: Buffer.alloc(1), mimeType: 'image/png' });
    expect(store.delete(id)).toBe(true);
    expect(store.delete(id)).toBe(false);
    expect(store.get(id)).toBeUndefined();
  });
});
