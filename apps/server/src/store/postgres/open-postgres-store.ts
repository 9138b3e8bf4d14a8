import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { KyselyStore } from '../kysely/kysely-store.js';
import type { Database } from '../schema.js';

// int8 (bigint: times and seqs) as JS numbers: epoch milliseconds and seqs stay far below 2^53.
const int8 = 20;
const parseInt8 = (value: string): number => Number(value);
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === int8) return parseInt8;
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  },
} as unknown as typeof pg.types;

export function openPostgresStore(
  connectionString: string,
  options: { poolSize?: number } = {},
): KyselyStore {
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10, types });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return new KyselyStore(db, 'postgres');
}
