import { useEffect, useState } from 'react';

/** The inbox's two routes: `/` and `/conversations/:id` (with `?message=<id>` to point at one message). */
export interface Route {
  conversationId: string | null;
  messageId: string | null;
}

export function parseRoute(location: Pick<Location, 'pathname' | 'search'>): Route {
  const match = /^\/conversations\/([^/]+)\/?$/.exec(location.pathname);
  const messageId = new URLSearchParams(location.search).get('message');
  return {
    conversationId: match ? decodeURIComponent(match[1]!) : null,
    messageId: match ? messageId : null,
  };
}

export const conversationPath = (id: string) => `/conversations/${encodeURIComponent(id)}`;

export function navigate(path: string): void {
  if (path === window.location.pathname + window.location.search) return;
  history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location));
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}
