import type { MediaRef } from '@switchboard/protocol';
import type { Kysely, Selectable } from 'kysely';
import type { MediaDownloadJob, MediaReads, MediaRecord, MediaTx } from '../../media/media-records.js';
import type { Database, MediaDownloadTable, MediaTable } from '../schema.js';
import { readJson, writeJson } from './json-columns.js';
import { applyEffectsTo } from './message-effects.js';
import { emitMessage, findMessageByProviderId } from './message-writer.js';
import type { MessageRow } from './row-mappers.js';
import type { TxContext } from './tx-context.js';

/** `store.media`: reads, plus the few single-statement writes of the workers (see MediaReads). */
export function mediaReads(db: Kysely<Database>, durable: () => Promise<void>): MediaReads {
  return {
    async get(id) {
      const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async conversationsOf(id) {
      const rows = await db
        .selectFrom('media_conversations')
        .select('conversation_id')
        .where('media_id', '=', id)
        .execute();
      return rows.map((r) => r.conversation_id);
    },
    async downloadOf(mediaId) {
      const row = await db
        .selectFrom('media_downloads')
        .selectAll()
        .where('media_id', '=', mediaId)
        .orderBy('created_at')
        .executeTakeFirst();
      return row ? toJob(row) : null;
    },
    async providerUpload(mediaId, channelId) {
      const row = await db
        .selectFrom('media_provider_uploads')
        .select(['provider_media_id', 'uploaded_at'])
        .where('media_id', '=', mediaId)
        .where('channel_id', '=', channelId)
        .executeTakeFirst();
      return row ? { providerMediaId: row.provider_media_id, uploadedAt: Number(row.uploaded_at) } : null;
    },
    async discoverDownloads(since, now) {
      const candidates = await db
        .selectFrom('messages')
        .leftJoin('media_downloads', 'media_downloads.message_id', 'messages.id')
        .select([
          'messages.id',
          'messages.channel_id',
          'messages.conversation_id',
          'messages.media',
          'messages.created_at',
        ])
        .where('messages.media', 'is not', null)
        .where('messages.direction', '=', 'inbound')
        .where('messages.created_at', '>=', since)
        .where('media_downloads.message_id', 'is', null)
        .limit(500)
        .execute();
      const rows: MediaDownloadTable[] = [];
      for (const m of candidates) {
        const media = readJson<MediaRef | null>(m.media, null);
        if (!media) continue;
        rows.push({
          message_id: m.id,
          media_id: media.id,
          channel_id: m.channel_id,
          conversation_id: m.conversation_id,
          provider_media_id: media.providerMediaId ?? '',
          expected_sha256: media.sha256,
          mime_type: media.mimeType,
          filename: media.filename,
          // Media that is not pending was settled some other way: remember it, never fetch it.
          state: media.status !== 'pending' ? 'done' : media.providerMediaId ? 'pending' : 'failed',
          attempts: 0,
          next_attempt_at: now,
          last_error: null,
          received_at: Number(m.created_at),
          created_at: now,
          updated_at: now,
        });
      }
      if (rows.length === 0) return 0;
      await db
        .insertInto('media_downloads')
        .values(rows)
        .onConflict((oc) => oc.column('message_id').doNothing())
        .execute();
      await durable();
      return rows.length;
    },
    async dueDownloads(now, limit) {
      const rows = await db
        .selectFrom('media_downloads')
        .selectAll()
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('message_id')
        .limit(limit)
        .execute();
      return rows.map(toJob);
    },
    async claimDownload(messageId, now, leaseUntil) {
      const row = await db
        .updateTable('media_downloads')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: leaseUntil, updated_at: now }))
        .where('message_id', '=', messageId)
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .returningAll()
        .executeTakeFirst();
      await durable();
      return row ? toJob(row) : null;
    },
    async recordProviderUpload(mediaId, channelId, upload) {
      await db
        .insertInto('media_provider_uploads')
        .values({
          media_id: mediaId,
          channel_id: channelId,
          provider_media_id: upload.providerMediaId,
          uploaded_at: upload.uploadedAt,
        })
        .onConflict((oc) =>
          oc.columns(['media_id', 'channel_id']).doUpdateSet({
            provider_media_id: upload.providerMediaId,
            uploaded_at: upload.uploadedAt,
          }),
        )
        .execute();
      await durable();
    },
  };
}

/** `tx.media`: writes inside the caller's transaction. */
export function mediaTx(ctx: TxContext): MediaTx {
  const insert = async (record: MediaRecord) => {
    await ctx.trx
      .insertInto('media')
      .values({
        id: record.id,
        sha256: record.sha256,
        size: record.size,
        mime_type: record.mimeType,
        filename: record.filename,
        path: record.path,
        created_by: record.createdBy,
        created_at: record.createdAt,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  };
  const attach = async (mediaId: string, conversationId: string) => {
    await ctx.trx
      .insertInto('media_conversations')
      .values({ media_id: mediaId, conversation_id: conversationId })
      .onConflict((oc) => oc.columns(['media_id', 'conversation_id']).doNothing())
      .execute();
  };
  const finish = async (
    job: MediaDownloadJob,
    state: 'done' | 'failed',
    error: string | null,
    media: (current: MediaRef) => MediaRef,
    now: number,
  ) => {
    await ctx.trx
      .updateTable('media_downloads')
      .set({ state, last_error: error, updated_at: now })
      .where('message_id', '=', job.messageId)
      .execute();
    const row = await ctx.trx
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', job.messageId)
      .executeTakeFirst();
    const current = row ? readJson<MediaRef | null>(row.media, null) : null;
    // An edit may have replaced the message's media meanwhile; then this file is not its media.
    if (!row || current?.id !== job.mediaId) return;
    const next: MessageRow = { ...row, media: writeJson(media(current)), updated_at: now };
    await ctx.trx
      .updateTable('messages')
      .set({ media: next.media, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await emitMessage(ctx, 'message.updated', next, now);
    // The edited message shows the edit's media: recompute it so it shows the new status too.
    if (row.type === 'edit' && row.target_provider_message_id) {
      const target = await findMessageByProviderId(ctx, row.channel_id, row.target_provider_message_id);
      if (target) await applyEffectsTo(ctx, target, now);
    }
  };
  return {
    insert,
    attach,
    async downloadSucceeded(job, record, now) {
      await insert(record);
      await attach(record.id, job.conversationId);
      await finish(
        job,
        'done',
        null,
        (m) => ({
          ...m,
          status: 'ready',
          size: record.size,
          sha256: record.sha256,
          mimeType: m.mimeType ?? record.mimeType,
        }),
        now,
      );
    },
    async downloadFailed(job, error, now) {
      await finish(job, 'failed', error, (m) => ({ ...m, status: 'failed' }), now);
    },
    async downloadLater(messageId, at, error, now) {
      await ctx.trx
        .updateTable('media_downloads')
        .set({ next_attempt_at: at, last_error: error, updated_at: now })
        .where('message_id', '=', messageId)
        .where('state', '=', 'pending')
        .execute();
    },
  };
}

function toRecord(row: Selectable<MediaTable>): MediaRecord {
  return {
    id: row.id,
    sha256: row.sha256,
    size: Number(row.size),
    mimeType: row.mime_type,
    filename: row.filename,
    path: row.path,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
  };
}

function toJob(row: Selectable<MediaDownloadTable>): MediaDownloadJob {
  return {
    messageId: row.message_id,
    mediaId: row.media_id,
    channelId: row.channel_id,
    conversationId: row.conversation_id,
    providerMediaId: row.provider_media_id,
    expectedSha256: row.expected_sha256,
    mimeType: row.mime_type,
    filename: row.filename,
    state: row.state,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    lastError: row.last_error,
    receivedAt: Number(row.received_at),
  };
}
