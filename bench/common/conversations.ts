/** A conversation as `GET /v1/conversations` lists it: the fields the benchmarks read. */
export interface ListedConversation {
  id: string;
  contact: { waId: string | null };
  windowExpiresAt: string | null;
}

/** Every conversation of the server at `baseUrl`, page by page (200 at a time) along `nextCursor`. */
export async function listConversations(
  baseUrl: string,
  headers: Record<string, string>,
): Promise<ListedConversation[]> {
  const conversations: ListedConversation[] = [];
  let cursor: string | null = null;
  do {
    const url = new URL('/v1/conversations', baseUrl);
    url.searchParams.set('limit', '200');
    if (cursor) url.searchParams.set('cursor', cursor);
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
    if (response.status !== 200) {
      throw new Error(`GET /v1/conversations answered ${response.status}: ${await response.text()}`);
    }
    const page = (await response.json()) as { data: ListedConversation[]; nextCursor: string | null };
    conversations.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return conversations;
}
