import { sql, type ColumnDataType, type Expression } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** The column types that differ between SQLite and PostgreSQL; everything else is shared. */
export interface ColumnTypes {
  json: ColumnDataType;
  time: ColumnDataType;
  blob: ColumnDataType;
  flag: ColumnDataType;
  emptyJsonArray: Expression<unknown>;
}

export function columnTypes(dialect: Dialect): ColumnTypes {
  return dialect === 'postgres'
    ? { json: 'jsonb', time: 'bigint', blob: 'bytea', flag: 'smallint', emptyJsonArray: sql`'[]'::jsonb` }
    : { json: 'text', time: 'integer', blob: 'blob', flag: 'integer', emptyJsonArray: sql`'[]'` };
}
