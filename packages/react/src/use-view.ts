import { useSyncExternalStore } from 'react';

interface View<S> {
  readonly getSnapshot: () => S;
  readonly subscribe: (listener: () => void) => () => void;
}

/**
 * Subscribes to a client view. Views are reference-counted and kept for a grace period after
 * their last subscriber leaves, so StrictMode's unmount and remount reuse the same one (and its
 * data) rather than loading twice; on a server, `fallback` is rendered and nothing is opened.
 */
export function useView<S>(view: View<S> | null, fallback: S): S {
  return useSyncExternalStore(
    view ? view.subscribe : noSubscribe,
    view ? view.getSnapshot : () => fallback,
    () => fallback,
  );
}

const noSubscribe = () => () => {};
