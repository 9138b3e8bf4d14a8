import type { InboundChange, InboundContact } from '../../domain/inbound-batch.js';
import type { Channel } from '../store.js';
import { upsertContact } from './contact-writer.js';
import {
  emitConversationUpdated,
  findOrCreateConversation,
  previewOf,
  recordActivity,
} from './conversation-writer.js';
import { applyEffectsTo } from './message-effects.js';
import {
  effectTypes,
  findMessageByProviderId,
  insertInboundMessage,
  uncountedTypes,
} from './message-writer.js';
import { recordStatus } from './status-writer.js';
import type { TxContext } from './tx-context.js';

/**
 * Applies one normalized change: every message (once per provider id) and every status (once per
 * provider id + status), in the order given. Returns what could not be stored and why.
 */
export async function applyInboundChange(
  ctx: TxContext,
  channel: Channel,
  change: InboundChange,
  receivedAt: number,
): Promise<string[]> {
  const problems: string[] = [];
  const profiles = change.contacts;
  for (const message of change.messages) {
    if (await findMessageByProviderId(ctx, channel.id, message.providerMessageId)) continue;
    const profile = findProfile(profiles, message.from);
    const found = await upsertContact(ctx, message.from, profile, receivedAt);
    if (!found) {
      problems.push(`message ${message.providerMessageId} names no sender (neither wa_id nor user id)`);
      continue;
    }
    const conversation = await findOrCreateConversation(ctx, channel.id, found.contact, receivedAt);
    if (found.changed) await emitConversationUpdated(ctx, conversation, receivedAt);
    const row = await insertInboundMessage(ctx, {
      channelId: channel.id,
      conversationId: conversation.id,
      message,
      receivedAt,
    });
    const isEffect = effectTypes.has(message.type);
    await recordActivity(
      ctx,
      conversation.id,
      {
        at: message.timestamp,
        inbound: true,
        countsAsMessage: !uncountedTypes.includes(message.type),
        opensWindow: message.type !== 'system',
        preview: previewOf(row),
      },
      receivedAt,
    );
    if (isEffect && message.targetProviderMessageId) {
      const target = await findMessageByProviderId(ctx, channel.id, message.targetProviderMessageId);
      if (target) await applyEffectsTo(ctx, target, receivedAt);
    } else if (!isEffect) {
      // Effects that arrived before this message.
      await applyEffectsTo(ctx, row, receivedAt);
    }
  }
  for (const status of change.statuses) {
    await recordStatus(ctx, channel.id, status, receivedAt);
  }
  return problems;
}

function findProfile(
  profiles: InboundContact[],
  from: { waId: string | null; userId: string | null },
): InboundContact | undefined {
  return (
    profiles.find((p) => from.waId !== null && p.waId === from.waId) ??
    profiles.find((p) => from.userId !== null && p.userId === from.userId) ??
    (profiles.length === 1 && !from.waId && !from.userId ? profiles[0] : undefined)
  );
}
