/** Sends one webhook POST; resolves with the HTTP status or rejects on a network error/abort. */
export type PostWebhook = (request: {
  url: string;
  body: string;
  headers: Record<string, string>;
  signal: AbortSignal;
}) => Promise<{ status: number }>;

/** {@link PostWebhook} over Node's global `fetch`; the response body is drained and ignored. */
export const fetchPostWebhook: PostWebhook = async ({ url, body, headers, signal }) => {
  const response = await fetch(url, { method: 'POST', body, headers, signal });
  // Draining frees the keep-alive connection for the next delivery.
  await response.arrayBuffer().catch(() => undefined);
  return { status: response.status };
};
