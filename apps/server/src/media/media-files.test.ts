import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaFiles, MediaTooLargeError } from './media-files.js';

/** Every file under `dir`, relative to it (directories left out). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

describe('MediaFiles', () => {
  let dataDir: string;
  let files: MediaFiles;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'switchboard-media-files-'));
    files = new MediaFiles(dataDir);
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stores bytes under their SHA-256 and hands the digest to accept before they are in place', async () => {
    const bytes = Buffer.from('the same bytes, stored once');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const seen: { sha256: string; size: number }[] = [];
    const stored = await files.write([bytes.subarray(0, 5), bytes.subarray(5)], 1024, (file) => {
      seen.push(file);
    });
    expect(seen).toEqual([{ sha256, size: bytes.length }]);
    expect(stored).toEqual({ sha256, size: bytes.length, path: join('media', sha256.slice(0, 2), sha256) });
    expect(await readFile(join(dataDir, stored.path))).toEqual(bytes);
    expect(await filesUnder(join(dataDir, 'media'))).toEqual([join(sha256.slice(0, 2), sha256)]);
  });

  it('keeps nothing when accept refuses the digest', async () => {
    const refusal = new Error('sha256 mismatch');
    await expect(
      files.write([Buffer.from('not what was announced')], 1024, () => {
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(await filesUnder(join(dataDir, 'media'))).toEqual([]);
  });

  it('keeps nothing past the size limit', async () => {
    await expect(files.write([Buffer.alloc(600), Buffer.alloc(600)], 1000)).rejects.toBeInstanceOf(
      MediaTooLargeError,
    );
    expect(await filesUnder(join(dataDir, 'media'))).toEqual([]);
  });
});
