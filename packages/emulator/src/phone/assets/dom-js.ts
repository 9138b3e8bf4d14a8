/**
 * Browser module `dom.js`: DOM building and formatting helpers shared by the other modules.
 *
 * `h()` never parses HTML: strings become text nodes or attribute values, so names and message
 * texts (written by anyone) cannot turn into markup. The page's Trusted Types policy would reject
 * an `innerHTML` assignment anyway.
 */
export const domJs = String.raw`
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on')) {
      if (typeof value === 'function') el.addEventListener(key.slice(2), value);
    } else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error('phone page: missing #' + id);
  return el;
}

/** A non-empty string or undefined: message fields come from anyone and may be of any type. */
export function str(value) {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function arr(value) {
  return Array.isArray(value) ? value : [];
}

export function obj(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

export function formatTime(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function formatDay(ms) {
  const day = new Date(ms);
  const today = new Date();
  if (day.toDateString() === today.toDateString()) return 'Today';
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (day.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return day.toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

export function formatMoment(ms) {
  const sameDay = new Date(ms).toDateString() === new Date().toDateString();
  return sameDay ? formatTime(ms) : formatDay(ms) + ' ' + formatTime(ms);
}

export function initials(name) {
  const words = String(name || '?').trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 2).map((w) => Array.from(w)[0] || '');
  return (letters.join('') || '?').toUpperCase();
}

/** One of eight avatar colours, stable per id (classes, because the CSP forbids inline styles). */
export function colourClass(id) {
  let hash = 0;
  for (const c of String(id)) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return 'c' + (hash % 8);
}
`;
