/**
 * The one error the SDK throws or rejects with. `code` is stable: the server's error code
 * (`window_closed`, `validation_failed`, `forbidden`, …) or one of the SDK's own (`network`,
 * `timeout`, `unauthorized`, `closed`, `invalid_response`). `retryable` says whether the same
 * call can succeed later.
 * @example
 * try { await client.send(id, body).done } catch (e) {
 *   if (e instanceof SwitchboardError && e.code === 'window_closed') offerTemplates();
 * }
 */
export class SwitchboardError extends Error {
  override readonly name = 'SwitchboardError';
  constructor(
    readonly code: string,
    message: string,
    /** Whether repeating the same call can succeed (network failures, 429, 5xx). */
    readonly retryable = false,
    /** The HTTP status, when the server answered. */
    readonly status?: number,
    /** The server's `details` (validation problems, the window's end, …). */
    readonly details?: unknown,
    /** The server's request id, to find the request in its logs. */
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** The SDK's error for an HTTP answer that is not 2xx, read from the server's error envelope. */
export async function errorFromResponse(response: Response): Promise<SwitchboardError> {
  let body: { error?: { code?: string; message?: string; details?: unknown; requestId?: string } } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // Not our envelope (a proxy's page): the status alone speaks.
  }
  const e = body.error ?? {};
  const status = response.status;
  return new SwitchboardError(
    e.code ?? (status === 401 ? 'unauthorized' : `http_${status}`),
    e.message ?? `HTTP ${status}.`,
    status === 429 || status >= 500,
    status,
    e.details,
    e.requestId,
  );
}

/** What a request that got no answer throws: a retryable `network` error, or the caller's abort. */
export function unreachable(url: string, error: unknown): Error {
  return (error as Error).name === 'AbortError'
    ? (error as Error)
    : new SwitchboardError('network', `Could not reach ${url}: ${String(error)}`, true);
}
