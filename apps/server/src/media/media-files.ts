import { Readable } from 'node:stream';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Thrown by `MediaFiles.write` when the bytes pass `maxBytes`; nothing is kept. */
export class MediaTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
    this.name = 'MediaTooLargeError';
  }
}

export interface StoredFile {
  /** Lowercase hex. */
  sha256: string;
  size: number;
  /** Relative to the data directory: `media/<first two hex digits>/<sha256>`. */
  path: string;
}

/**
 * Media files under `<dataDir>/media`, content-addressed by SHA-256: the same bytes are stored once
 * whoever sent them. A file is written to `media/tmp/` (same file system), fsynced, then renamed
 * into place and its directory fsynced, so a reader never sees a partial file and a crash leaves at
 * most a stray temp file. Files are never changed once in place.
 */
export class MediaFiles {
  private readonly root: string;
  private readonly tmp: string;

  constructor(private readonly dataDir: string) {
    this.root = join(dataDir, 'media');
    this.tmp = join(this.root, 'tmp');
  }

  /**
   * Streams `source` to disk while hashing it; throws MediaTooLargeError past `maxBytes`. `accept`
   * sees the digest before the file is put in place: when it throws, nothing is kept.
   */
  async write(
    source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    maxBytes: number,
    accept?: (file: { sha256: string; size: number }) => void,
  ): Promise<StoredFile> {
    await mkdir(this.tmp, { recursive: true });
    const tmpPath = join(this.tmp, `${Date.now()}-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    const file = await open(tmpPath, 'wx');
    try {
      try {
        // Leaving a `for await` over a stream destroys it; an oversized upload must stay readable so
        // the route can drain the rest and answer 413 instead of resetting the connection.
        const chunks = source instanceof Readable ? source.iterator({ destroyOnReturn: false }) : source;
        for await (const chunk of chunks as AsyncIterable<Uint8Array>) {
          size += chunk.length;
          if (size > maxBytes) throw new MediaTooLargeError(maxBytes);
          hash.update(chunk);
          await file.write(chunk);
        }
        await file.sync();
      } finally {
        await file.close();
      }
      const sha256 = hash.digest('hex');
      accept?.({ sha256, size });
      const dir = join(this.root, sha256.slice(0, 2));
      await mkdir(dir, { recursive: true });
      // Same bytes, same name: renaming over an existing copy changes nothing a reader could see.
      await rename(tmpPath, join(dir, sha256));
      await syncDirectory(dir);
      return { sha256, size, path: join('media', sha256.slice(0, 2), sha256) };
    } catch (err) {
      await rm(tmpPath, { force: true });
      throw err;
    }
  }

  /** The absolute path of a stored file, and its size on disk (null when it is missing). */
  async locate(path: string): Promise<{ absolute: string; size: number } | null> {
    const absolute = join(this.dataDir, path);
    try {
      return { absolute, size: (await stat(absolute)).size };
    } catch {
      return null;
    }
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename durable; some platforms cannot open a directory for sync, which is no error.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}
