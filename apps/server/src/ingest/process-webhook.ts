import type { StoreTx, WebhookNotes, WebhookStatus } from '../store/store.js';
import type { ChannelRegistry } from './channel-registry.js';
import type { InboundBatch } from '../domain/inbound-batch.js';

export interface ProcessedWebhook {
  status: Exclude<WebhookStatus, 'pending'>;
  notes: WebhookNotes | null;
  unroutable: string[];
}

/**
 * Applies every routable change of a normalized webhook inside the caller's transaction. A change
 * for a business number no channel is configured for is not dropped: the webhook is marked
 * `unroutable` (its raw body stays in the inbox) and reported.
 */
export async function processWebhook(
  tx: StoreTx,
  registry: ChannelRegistry,
  provider: string,
  batch: InboundBatch,
  receivedAt: number,
): Promise<ProcessedWebhook> {
  const problems = [...batch.problems];
  const unroutable: string[] = [];
  const errors: unknown[] = [];
  for (const change of batch.changes) {
    errors.push(...change.errors);
    const channel = registry.find(provider, change.phoneNumberId);
    if (!channel) {
      unroutable.push(change.phoneNumberId);
      continue;
    }
    problems.push(...(await tx.applyInbound(channel, change, receivedAt)));
  }
  const notes: WebhookNotes = {};
  if (batch.ignored.length > 0) notes.ignored = batch.ignored;
  if (problems.length > 0) notes.problems = problems;
  if (unroutable.length > 0) notes.unroutable = [...new Set(unroutable)];
  if (errors.length > 0) notes.errors = errors;
  return {
    status: unroutable.length > 0 ? 'unroutable' : 'processed',
    notes: Object.keys(notes).length > 0 ? notes : null,
    unroutable: notes.unroutable ?? [],
  };
}
