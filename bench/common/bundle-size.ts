import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const kib = (bytes: number) => Math.round((bytes / 1024) * 100) / 100;

export interface Measured {
  minified: number;
  gzip: number;
}

/** An entry module bundled by esbuild for browsers, minified, and its gzip -9 size, in KiB. */
export async function bundleSize(entry: string, external: string[] = []): Promise<Measured> {
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    // Our packages are measured from their sources, as a bundler in a host app would see them.
    conditions: ['source'],
    external,
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: kib(code.length), gzip: kib(gzipSync(code, { level: 9 }).length) };
}
