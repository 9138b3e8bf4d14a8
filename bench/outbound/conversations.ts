import { setTimeout as sleep } from 'node:timers/promises';
import { listConversations } from '../common/conversations.js';

/**
 * Waits until the gateway has an open conversation for every customer (their inbound messages
 * travel emulator → webhook → inbox worker) and returns the conversation ids in `waIds` order.
 */
export async function waitForOpenConversations(
  baseUrl: string,
  apiKey: string,
  waIds: readonly string[],
  timeoutMs: number,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let open = new Map<string, string>();
  while (Date.now() < deadline) {
    open = await openConversations(baseUrl, apiKey);
    if (waIds.every((waId) => open.has(waId))) return waIds.map((waId) => open.get(waId)!);
    await sleep(250);
  }
  throw new Error(`only ${open.size} of ${waIds.length} conversations were open after ${timeoutMs} ms`);
}

async function openConversations(baseUrl: string, apiKey: string): Promise<Map<string, string>> {
  const open = new Map<string, string>();
  for (const conversation of await listConversations(baseUrl, { authorization: `Bearer ${apiKey}` })) {
    const { waId } = conversation.contact;
    const expires = conversation.windowExpiresAt ? Date.parse(conversation.windowExpiresAt) : 0;
    if (waId && expires > Date.now()) open.set(waId, conversation.id);
  }
  return open;
}
