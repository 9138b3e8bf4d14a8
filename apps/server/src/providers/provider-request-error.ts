import type { ProviderError } from './provider.js';

/**
 * A provider call other than a send that did not succeed. Either the provider answered "no"
 * (`outcome: 'rejected'`, with its `providerError`), or no complete answer came after the request
 * was written (`outcome: 'ambiguous'`): for reads and uploads that is harmless to retry, but the
 * caller cannot know what the provider did. The message never contains the access token.
 */
export class ProviderRequestError extends Error {
  readonly outcome: 'rejected' | 'ambiguous';
  readonly providerError: ProviderError | null;
  /** For `ambiguous`: what happened instead of an answer. */
  readonly reason: string | null;

  constructor(
    /** What was being done, e.g. `GET /{media-id}`. */
    readonly operation: string,
    result: { kind: 'rejected'; error: ProviderError } | { kind: 'ambiguous'; reason: string },
  ) {
    const what =
      result.kind === 'rejected'
        ? `${typeof result.error.code === 'number' ? `(#${result.error.code}) ` : ''}${result.error.message}`
        : `no answer: ${result.reason}`;
    super(`${operation} failed: ${what}`);
    this.name = 'ProviderRequestError';
    this.outcome = result.kind;
    this.providerError = result.kind === 'rejected' ? result.error : null;
    this.reason = result.kind === 'ambiguous' ? result.reason : null;
  }

  /** Whether trying the same call again later can help (ambiguous reads and uploads: yes). */
  get retryable(): boolean {
    return this.providerError?.retryable ?? true;
  }
}
