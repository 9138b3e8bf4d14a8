import { createHash } from 'node:crypto';
import type { MediaKind } from '@switchboard/whatsapp';
import { systemClock, type Clock } from '../core/clock.js';
import type { MediaStore, StoredMedia } from '../core/media-store.js';
import { newNumericGraphId } from '../graph/graph-ids.js';

/**
 * {@link MediaStore} in process memory. Ids are fresh 15–16 digit numeric strings; `sha256` is the
 * lowercase hex digest of the bytes. The store keeps the caller's Buffer without copying it, so
 * callers must not mutate a Buffer after `put`. Retention (30 days for uploads, 7 for inbound media)
 * is not applied here: a `StoredMedia` does not say where it came from.
 */
export class MemoryMediaStore implements MediaStore {
  readonly #items = new Map<string, StoredMedia>();

  constructor(private readonly clock: Clock = systemClock) {}

  put(input: {
    phoneNumberId: string;
    bytes: Buffer;
    mimeType: string;
    filename?: string;
    kind?: MediaKind;
  }): StoredMedia {
    let id = newNumericGraphId();
    while (this.#items.has(id)) id = newNumericGraphId();
    const media: StoredMedia = {
      id,
      phoneNumberId: input.phoneNumberId,
      mimeType: input.mimeType,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      fileSize: input.bytes.length,
      filename: input.filename,
      bytes: input.bytes,
      createdAt: this.clock.now(),
    };
    this.#items.set(id, media);
    return media;
  }

  get(id: string): StoredMedia | undefined {
    return this.#items.get(id);
  }

  delete(id: string): boolean {
    return this.#items.delete(id);
  }
}
