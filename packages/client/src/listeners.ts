/** A set of listeners; `add` returns the function that removes the listener again. */
export class Listeners<T> {
  readonly #set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.#set.add(listener);
    return () => void this.#set.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.#set]) listener(value);
  }
}

/** `fn`, callable any number of times, run on the first call only (an unsubscribe, say). */
export function onlyOnce(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
