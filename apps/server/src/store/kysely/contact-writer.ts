import type { InboundContact } from '../../domain/inbound-batch.js';
import { newId } from '../../lib/ids.js';
import type { ContactRow } from './row-mappers.js';
import type { TxContext } from './tx-context.js';

export interface ContactIdentity {
  waId: string | null;
  userId: string | null;
}

/**
 * Finds the contact by phone (wa_id) or business-scoped user id and fills in what the provider
 * newly told us (profile name, username, user id). Returns null when there is nothing to identify
 * the contact by. `changed` says whether an existing contact was updated.
 */
export async function upsertContact(
  ctx: TxContext,
  identity: ContactIdentity,
  profile: InboundContact | undefined,
  now: number,
): Promise<{ contact: ContactRow; changed: boolean } | null> {
  const waId = identity.waId ?? profile?.waId ?? null;
  const userId = identity.userId ?? profile?.userId ?? null;
  if (!waId && !userId) return null;
  const { trx } = ctx;
  let existing: ContactRow | undefined;
  if (waId)
    existing = await trx.selectFrom('contacts').selectAll().where('wa_id', '=', waId).executeTakeFirst();
  if (!existing && userId) {
    existing = await trx.selectFrom('contacts').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }
  if (!existing) {
    const row: ContactRow = {
      id: newId('ct_'),
      wa_id: waId,
      user_id: userId,
      parent_user_id: profile?.parentUserId ?? null,
      username: profile?.username ?? null,
      profile_name: profile?.profileName ?? null,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('contacts').values(row).execute();
    ctx.rememberContact(row);
    return { contact: row, changed: false };
  }
  const updates: Partial<ContactRow> = {};
  if (waId && !existing.wa_id) updates.wa_id = waId;
  if (userId && !existing.user_id) updates.user_id = userId;
  if (profile?.parentUserId && profile.parentUserId !== existing.parent_user_id) {
    updates.parent_user_id = profile.parentUserId;
  }
  if (profile?.username && profile.username !== existing.username) updates.username = profile.username;
  if (profile?.profileName && profile.profileName !== existing.profile_name) {
    updates.profile_name = profile.profileName;
  }
  if (Object.keys(updates).length === 0) {
    ctx.rememberContact(existing);
    return { contact: existing, changed: false };
  }
  const row = { ...existing, ...updates, updated_at: now };
  await trx
    .updateTable('contacts')
    .set({ ...updates, updated_at: now })
    .where('id', '=', existing.id)
    .execute();
  ctx.rememberContact(row);
  return { contact: row, changed: true };
}
