import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';

export type StoreKind = 'sqlite' | 'postgres';
export const storeKinds: StoreKind[] = ['sqlite', 'postgres'];

/** A fresh, empty database of the given kind: a new SQLite file, or a new PostgreSQL database. */
export async function createTestDatabaseUrl(kind: StoreKind): Promise<string> {
  if (kind === 'sqlite') {
    return `sqlite:${join(mkdtempSync(join(tmpdir(), 'switchboard-test-')), 'switchboard.db')}`;
  }
  const admin = inject('postgresAdminUrl');
  const name = `sb_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A migrated store on a fresh database. */
export async function createTestStore(kind: StoreKind): Promise<Store> {
  const store = openStore(await createTestDatabaseUrl(kind));
  await store.migrate();
  return store;
}
