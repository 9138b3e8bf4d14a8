import type { Reaction } from '@switchboard/protocol';
import { readJson, writeJson } from './json-columns.js';
import { emitMessage } from './message-writer.js';
import type { MessageRow } from './row-mappers.js';
import type { TxContext } from './tx-context.js';

/**
 * Reactions, edits and revokes are stored as messages of their own (for idempotency and history)
 * and change their target. Because they can arrive before their target or out of order, the
 * target's state is recomputed from the latest effect of each kind (by the customer's timestamp),
 * never from the arrival order.
 */
export async function applyEffectsTo(ctx: TxContext, target: MessageRow, now: number): Promise<MessageRow> {
  if (!target.provider_message_id) return target;
  const effects = await ctx.trx
    .selectFrom('messages')
    .selectAll()
    .where('channel_id', '=', target.channel_id)
    .where('target_provider_message_id', '=', target.provider_message_id)
    .where('direction', '=', 'inbound')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (effects.length === 0) return target;

  const next: MessageRow = { ...target };
  const latest = (type: string) => effects.filter((e) => e.type === type).at(-1);

  const reaction = latest('reaction');
  if (reaction) {
    const emoji = readJson<{ emoji?: string | null }>(reaction.content, {}).emoji ?? null;
    const others = readJson<Reaction[]>(target.reactions, []).filter((r) => r.from !== 'contact');
    const mine: Reaction[] = emoji
      ? [{ emoji, from: 'contact', at: new Date(reaction.created_at).toISOString() }]
      : [];
    next.reactions = writeJson([...others, ...mine]);
  }
  const edit = latest('edit');
  if (edit) {
    const body = readJson<{ newContent?: Record<string, unknown> }>(edit.content, {});
    if (body.newContent) {
      // The first edit keeps what the customer first wrote; later ones only replace `content`.
      // (A message edited before original_content existed has already lost it: left null.)
      if (target.edited_at === null) next.original_content ??= target.content;
      next.content = writeJson(body.newContent);
    }
    if (edit.media) next.media = edit.media;
    next.edited_at = edit.created_at;
  }
  const revoke = latest('revoke');
  if (revoke) next.revoked_at = revoke.created_at;

  if (sameEffects(next, target)) return target;
  next.updated_at = now;
  await ctx.trx
    .updateTable('messages')
    .set({
      reactions: writeJson(readJson(next.reactions, [])),
      content: writeJson(readJson(next.content, {})),
      original_content: writeJson(readJson(next.original_content, null)),
      media: writeJson(readJson(next.media, null)),
      edited_at: next.edited_at,
      revoked_at: next.revoked_at,
      updated_at: now,
    })
    .where('id', '=', target.id)
    .execute();
  await emitMessage(ctx, 'message.updated', next, now);
  return next;
}

function sameEffects(a: MessageRow, b: MessageRow): boolean {
  const pick = (m: MessageRow) =>
    JSON.stringify([
      readJson(m.reactions, []),
      readJson(m.content, {}),
      readJson(m.original_content, null),
      readJson(m.media, null),
      m.edited_at,
      m.revoked_at,
    ]);
  return pick(a) === pick(b);
}
