import type { MediaRef, SwitchboardClient } from '@switchboard/client';
import { useEffect, useState } from 'react';
import { isServer, useSwitchboardClient } from './context.js';

/** What `useMedia` shows: `pending` while the server still downloads the file from WhatsApp. */
export interface MediaState {
  readonly status: 'none' | 'pending' | 'loading' | 'ready' | 'failed';
  /** An object URL for `<img src>`, `<audio src>`…: valid while the component shows it. */
  readonly url: string | null;
  readonly error: Error | null;
  /** Tries a failed download again. */
  readonly retry: () => void;
}

// Blob URLs by client and media id, so that a bubble scrolled out of a virtualized thread and
// back does not download again; the oldest are revoked beyond this many.
const keep = 200;
const caches = new WeakMap<SwitchboardClient, Map<string, Promise<string>>>();

function objectUrl(client: SwitchboardClient, id: string): Promise<string> {
  let cache = caches.get(client);
  if (!cache) caches.set(client, (cache = new Map<string, Promise<string>>()));
  const hit = cache.get(id);
  if (hit) {
    cache.delete(id);
    cache.set(id, hit); // most recently used last
    return hit;
  }
  const loading = client.fetchMedia(id).then((blob) => URL.createObjectURL(blob));
  cache.set(id, loading);
  // A failed download is forgotten, so that the next attempt really asks again.
  loading.catch(() => cache.delete(id));
  if (cache.size > keep) {
    const [oldestId, oldest] = cache.entries().next().value as [string, Promise<string>];
    cache.delete(oldestId);
    oldest.then(
      (url) => URL.revokeObjectURL(url),
      () => {},
    );
  }
  return loading;
}

/**
 * A message's media through the authorized media endpoint (the token goes in a header, never in
 * a URL): `pending` until the server has the file, then `loading`, `ready` with a `url`, or
 * `failed` with `retry()`. It follows `media.status`, so a picture that was still downloading
 * appears by itself once the server has it, with no refresh.
 * @example
 * const { status, url } = useMedia(message.media);
 * return status === 'ready' ? <img src={url!} alt="" /> : <span>{status}</span>;
 */
export function useMedia(media: Pick<MediaRef, 'id' | 'status'> | null | undefined): MediaState {
  const client = useSwitchboardClient();
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<{ id: string; url: string | null; error: Error | null } | null>(null);
  const id = media?.id ?? null;
  const serverStatus = media?.status ?? null;

  useEffect(() => {
    if (isServer() || id === null || serverStatus !== 'ready') return;
    let current = true;
    objectUrl(client, id).then(
      (url) => current && setLoaded({ id, url, error: null }),
      (error: unknown) =>
        current &&
        setLoaded({ id, url: null, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      current = false;
    };
  }, [client, id, serverStatus, attempt]);

  const retry = () => {
    setLoaded(null);
    setAttempt((n) => n + 1);
  };
  if (id === null) return { status: 'none', url: null, error: null, retry };
  if (serverStatus === 'pending') return { status: 'pending', url: null, error: null, retry };
  if (serverStatus === 'failed') {
    return { status: 'failed', url: null, error: new Error('WhatsApp could not hand over the file.'), retry };
  }
  if (loaded?.id !== id) return { status: 'loading', url: null, error: null, retry };
  return loaded.url
    ? { status: 'ready', url: loaded.url, error: null, retry }
    : { status: 'failed', url: null, error: loaded.error, retry };
}
