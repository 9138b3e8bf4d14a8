/** What the control stream announces: a thread changed, or the customer list did. */
export type EmulatorChange =
  | { readonly type: 'thread'; readonly waId: string; readonly phoneNumberId: string }
  | { readonly type: 'customers' };

/** Tells listeners (the SSE stream, tests) that state changed; listeners re-read what they need. */
export class ChangeFeed {
  readonly #listeners = new Set<(change: EmulatorChange) => void>();

  subscribe(listener: (change: EmulatorChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  thread(phoneNumberId: string, waId: string): void {
    this.#emit({ type: 'thread', waId, phoneNumberId });
  }

  customers(): void {
    this.#emit({ type: 'customers' });
  }

  #emit(change: EmulatorChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch {
        // A failing listener (a closed stream) must not break the platform's own work.
      }
    }
  }
}
