import type { Kysely, Transaction } from 'kysely';
import type { Database, TemplateTable } from '../schema.js';
import type { StoredTemplate } from '../store.js';
import { readJson, writeJson } from './json-columns.js';

/** Replaces a channel's synced templates with what the provider listed (one transaction). */
export async function replaceTemplates(
  trx: Transaction<Database>,
  channelId: string,
  templates: readonly Omit<StoredTemplate, 'channelId' | 'syncedAt'>[],
  now: number,
): Promise<void> {
  await trx.deleteFrom('templates').where('channel_id', '=', channelId).execute();
  // Meta lists one row per name and language; a repeat would only be a paging overlap.
  const unique = new Map(templates.map((t) => [`${t.name}\u0000${t.language}`, t]));
  for (const template of unique.values()) {
    await trx
      .insertInto('templates')
      .values({
        channel_id: channelId,
        name: template.name,
        language: template.language,
        provider_template_id: template.providerTemplateId,
        status: template.status,
        category: template.category,
        parameter_format: template.parameterFormat,
        components: writeJson(template.components),
        synced_at: now,
      })
      .execute();
  }
}

export async function listTemplates(db: Kysely<Database>, channelId?: string): Promise<StoredTemplate[]> {
  let query = db.selectFrom('templates').selectAll();
  if (channelId !== undefined) query = query.where('channel_id', '=', channelId);
  const rows = await query.orderBy('name').orderBy('language').execute();
  return rows.map(toTemplate);
}

export async function findTemplate(
  db: Kysely<Database>,
  channelId: string,
  name: string,
  language: string,
): Promise<StoredTemplate | null> {
  const row = await db
    .selectFrom('templates')
    .selectAll()
    .where('channel_id', '=', channelId)
    .where('name', '=', name)
    .where('language', '=', language)
    .executeTakeFirst();
  return row ? toTemplate(row) : null;
}

function toTemplate(row: TemplateTable): StoredTemplate {
  return {
    channelId: row.channel_id,
    name: row.name,
    language: row.language,
    providerTemplateId: row.provider_template_id,
    status: row.status,
    category: row.category,
    parameterFormat: row.parameter_format,
    components: readJson<unknown[]>(row.components, []),
    syncedAt: Number(row.synced_at),
  };
}
