/**
 * Browser module `control-api.js`: the emulator's control API (state, customers, threads, the
 * customer's actions) and its SSE stream, with reconnection.
 */
export const controlApiJs = String.raw`
export function createControlApi(base) {
  const enc = encodeURIComponent;
  const customer = (waId) => '/customers/' + enc(waId);
  const query = (phoneNumberId) => (phoneNumberId ? '?phoneNumberId=' + enc(phoneNumberId) : '');

  async function request(method, path, body) {
    const init = { method, headers: { accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(base + path, init);
    const text = await res.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!res.ok) throw new Error(errorMessage(data) || method + ' ' + path + ' failed: HTTP ' + res.status);
    return data;
  }

  return {
    state: () => request('GET', '/state'),
    addCustomer: (input) => request('POST', '/customers', input),
    thread: (waId, phoneNumberId) => request('GET', customer(waId) + '/thread' + query(phoneNumberId)),
    send: (waId, message) => request('POST', customer(waId) + '/messages', message),
    readAll: (waId, phoneNumberId) =>
      request('POST', customer(waId) + '/read', phoneNumberId ? { phoneNumberId } : {}),
  };
}

// Error bodies may be our envelope ({error:{message}}), Meta's ({error:{message,error_data}}) or
// Fastify's ({message}); any readable message beats a bare status code.
function errorMessage(data) {
  if (!data || typeof data !== 'object') return undefined;
  const inner = data.error && typeof data.error === 'object' ? data.error : data;
  const message = inner.message || inner.title || (typeof data.error === 'string' ? data.error : undefined);
  return typeof message === 'string' ? message : undefined;
}

/**
 * Follows the control stream. onStatus gets 'live' on every (re)connection, so the caller can
 * re-fetch what it may have missed while disconnected, and 'reconnecting' on every drop.
 */
export function followStream(url, onEvent, onStatus) {
  let source;
  let attempt = 0;
  let timer;
  const open = () => {
    source = new EventSource(url);
    source.onopen = () => {
      attempt = 0;
      onStatus('live');
    };
    source.onmessage = (message) => {
      let event;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      if (event && typeof event === 'object') onEvent(event);
    };
    source.onerror = () => {
      onStatus('reconnecting');
      // The browser retries a dropped stream by itself (readyState CONNECTING), but gives up for
      // good after an HTTP error or a wrong content type (CLOSED): that case needs our own retry,
      // with jittered backoff so a restarting emulator is not hammered.
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        const delay = Math.min(15000, 500 * 2 ** attempt++) * (0.5 + Math.random() / 2);
        timer = setTimeout(open, delay);
      }
    };
  };
  open();
  return () => {
    clearTimeout(timer);
    source.close();
  };
}
`;
