import type { Migration, MigrationProvider } from 'kysely';
import type { Dialect } from './column-types.js';
import { initialMigration } from './0001-initial.js';
import { inboxDueOrderMigration } from './0002-inbox-due-order.js';
import { quotedMessageIndexMigration } from './0003-quoted-message-index.js';
import { outboxMigration } from './0004-outbox.js';
import { mediaMigration } from './0005-media.js';
import { mediaDueOrderMigration } from './0006-media-due-order.js';
import { conversationPreviewMigration } from './0007-conversation-preview.js';
import { messageOriginalContentMigration } from './0008-message-original-content.js';
import { statusPreviousIdMigration } from './0009-status-previous-id.js';

/**
 * Migrations are code, not files found at run time, so they work the same from `src/` under the
 * tests and from `dist/` in production. Names sort in order of application; never rename one.
 */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    getMigrations(): Promise<Record<string, Migration>> {
      return Promise.resolve({
        '0001-initial': initialMigration(dialect),
        '0002-inbox-due-order': inboxDueOrderMigration(),
        '0003-quoted-message-index': quotedMessageIndexMigration(),
        '0004-outbox': outboxMigration(dialect),
        '0005-media': mediaMigration(dialect),
        '0006-media-due-order': mediaDueOrderMigration(),
        '0007-conversation-preview': conversationPreviewMigration(dialect),
        '0008-message-original-content': messageOriginalContentMigration(dialect),
        '0009-status-previous-id': statusPreviousIdMigration(),
      });
    },
  };
}
