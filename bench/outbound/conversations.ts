import { setTimeout as sleep } from 'node:timers/promises';

interface ConversationPage {
  data: { id: string; contact: { waId: string | null }; windowExpiresAt: string | null }[];
  nextCursor: string | null;
}

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
  let cursor: string | null = null;
  do {
    const url = new URL('/v1/conversations', baseUrl);
    url.searchParams.set('limit', '200');
    if (cursor) url.searchParams.set('cursor', cursor);
    const response = await fetch(url, { headers: { authorization: `Bearer ${apiKey}` } });
    if (response.status !== 200) throw new Error(`GET /v1/conversations answered ${response.status}`);
    const page = (await response.json()) as ConversationPage;
    for (const conversation of page.data) {
      const { waId } = conversation.contact;
      const expires = conversation.windowExpiresAt ? Date.parse(conversation.windowExpiresAt) : 0;
      if (waId && expires > Date.now()) open.set(waId, conversation.id);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return open;
}
