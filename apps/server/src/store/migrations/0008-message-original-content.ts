import type { Kysely, Migration } from 'kysely';
import { columnTypes, type Dialect } from './column-types.js';

/**
 * A customer's edit replaces a message's content; `original_content` (JSON) keeps the content as
 * it first arrived, set when the first edit is applied, so the inbox can show what was there
 * before (docs/inbound-types.md, Edits). Messages edited before this migration have lost it: null.
 */
export function messageOriginalContentMigration(dialect: Dialect): Migration {
  const types = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('messages').addColumn('original_content', types.json).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('messages').dropColumn('original_content').execute();
    },
  };
}
