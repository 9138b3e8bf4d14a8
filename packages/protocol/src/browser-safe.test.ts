import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Browsers import the protocol (and through it the WhatsApp rules): bundling them for the browser
// fails on any `node:` import, so signing and other Node-only helpers must stay behind subpaths.
describe('browser entries', () => {
  for (const [name, path] of [
    ['@switchboard/protocol', './index.ts'],
    ['@switchboard/whatsapp', '../../whatsapp/src/index.ts'],
  ] as const) {
    it(`${name} bundles for the browser without node: modules`, async () => {
      const result = await build({
        entryPoints: [entry(path)],
        bundle: true,
        platform: 'browser',
        format: 'esm',
        write: false,
        logLevel: 'silent',
        metafile: true,
      });
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.filter((input) => input.startsWith('node:'))).toEqual([]);
    });
  }

  it('the signature subpath is Node-only (it needs node:crypto)', async () => {
    await expect(
      build({
        entryPoints: [entry('../../whatsapp/src/signature.ts')],
        bundle: true,
        platform: 'browser',
        write: false,
        logLevel: 'silent',
      }),
    ).rejects.toThrow(/node:crypto/);
  });
});
