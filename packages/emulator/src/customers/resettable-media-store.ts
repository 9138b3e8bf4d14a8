import type { MediaStore, StoredMedia } from '../core/media-store.js';

/**
 * A {@link MediaStore} that remembers the ids put through it, so that a reset of the emulator can
 * delete all media (business uploads and customer media alike) without the store having to offer
 * a clear operation of its own.
 */
export class ResettableMediaStore implements MediaStore {
  readonly #ids = new Set<string>();

  constructor(private readonly inner: MediaStore) {}

  put(input: Parameters<MediaStore['put']>[0]): StoredMedia {
    const stored = this.inner.put(input);
    this.#ids.add(stored.id);
    return stored;
  }

  get(id: string): StoredMedia | undefined {
    return this.inner.get(id);
  }

  delete(id: string): boolean {
    this.#ids.delete(id);
    return this.inner.delete(id);
  }

  /** Deletes every media object put through this store. */
  clear(): void {
    for (const id of this.#ids) this.inner.delete(id);
    this.#ids.clear();
  }
}
