/**
 * Browser module `app.js`, the entry point: page state (customers, the open thread, the business
 * number, the quoted message), rendering of the sidebar and the phone chrome, and the live
 * updates. The control API is the single source of truth: every action is followed by a re-fetch
 * rather than a local guess, so the page shows exactly what the emulator recorded.
 */
export const appJs = String.raw`
import { byId, colourClass, formatMoment, formatTime, h, initials } from './dom.js';
import { createControlApi, followStream } from './control-api.js';
import { initComposer } from './composer.js';
import { openListSheet } from './list-sheet.js';
import { renderThread } from './thread-view.js';

const controlBase = document.body.dataset.controlBase || '';
const api = createControlApi(controlBase);
const fromHash = new URLSearchParams(location.hash.slice(1));

const state = {
  businessNumbers: [],
  customers: [],
  waId: fromHash.get('customer'),
  phoneNumberId: fromHash.get('number'),
  thread: null,
  replyTo: null,
  editing: null,
  actionFor: null,
  unread: new Set(),
};
// Object URLs of pictures this page attached, by wamid: the control API has no media download,
// but the customer should still see the photo they just sent.
const localMedia = new Map();
let stickToBottom = true;

// ---- data -------------------------------------------------------------------------------------

async function refreshState() {
  try {
    const s = (await api.state()) || {};
    state.businessNumbers = Array.isArray(s.businessNumbers) ? s.businessNumbers : [];
    state.customers = Array.isArray(s.customers) ? s.customers : [];
    if (!state.businessNumbers.some((b) => b.phoneNumberId === state.phoneNumberId)) {
      state.phoneNumberId = state.businessNumbers.length ? state.businessNumbers[0].phoneNumberId : null;
    }
    if (!state.waId && state.customers.length) select(state.customers[0].waId);
    renderCustomers();
    renderPhone();
  } catch (error) {
    toast(messageOf(error));
  }
}

// Coalesces bursts of stream events into at most one fetch in flight plus one after it; results
// for a customer or number that is no longer shown are dropped.
let threadLoading = false;
let threadDirty = false;
async function refreshThread() {
  if (!state.waId) return;
  if (threadLoading) {
    threadDirty = true;
    return;
  }
  threadLoading = true;
  try {
    do {
      threadDirty = false;
      const waId = state.waId;
      const phoneNumberId = state.phoneNumberId;
      const thread = await api.thread(waId, phoneNumberId);
      if (waId !== state.waId || phoneNumberId !== state.phoneNumberId || !thread) continue;
      state.thread = thread;
      if (!state.phoneNumberId && thread.phoneNumberId) state.phoneNumberId = thread.phoneNumberId;
      const ids = new Set((Array.isArray(thread.items) ? thread.items : []).map((item) => item.id));
      if (state.replyTo && !ids.has(state.replyTo.id)) state.replyTo = null;
      if (state.editing && !ids.has(state.editing.id)) state.editing = null;
      renderPhone();
    } while (threadDirty && state.waId);
  } catch (error) {
    toast(messageOf(error));
  } finally {
    threadLoading = false;
  }
}

async function send(message, quoting = false) {
  const waId = state.waId;
  if (!waId) return undefined;
  const body = Object.assign({}, message);
  if (state.phoneNumberId) body.phoneNumberId = state.phoneNumberId;
  if (quoting && state.replyTo) body.context = { message_id: state.replyTo.id };
  try {
    const result = (await api.send(waId, body)) || {};
    if (quoting) cancelReply();
    stickToBottom = true;
    void refreshThread();
    return result;
  } catch (error) {
    toast(messageOf(error));
    return undefined;
  }
}

// The composer's text goes out as an edit while the customer is editing one of their messages.
function sendText(body) {
  if (!state.editing) return send({ type: 'text', text: { body } }, true);
  const original = state.editing.id;
  state.editing = null;
  renderReplyBar();
  return send({ type: 'edit', edit: { original_message_id: original, message: { type: 'text', text: { body } } } });
}

function select(waId) {
  if (state.waId !== waId) {
    state.thread = null;
    state.replyTo = null;
    state.editing = null;
    state.actionFor = null;
    stickToBottom = true;
  }
  state.waId = waId;
  state.unread.delete(waId);
  writeHash();
  renderCustomers();
  renderPhone();
  void refreshThread();
}

function writeHash() {
  const params = new URLSearchParams();
  if (state.waId) params.set('customer', state.waId);
  if (state.phoneNumberId) params.set('number', state.phoneNumberId);
  history.replaceState(null, '', '#' + params.toString());
}

// ---- rendering --------------------------------------------------------------------------------

function business() {
  return state.businessNumbers.find((b) => b.phoneNumberId === state.phoneNumberId);
}

function businessName() {
  const b = business();
  return (b && (b.verifiedName || '+' + b.displayPhoneNumber)) || 'Business';
}

function customer() {
  return state.customers.find((c) => c.waId === state.waId);
}

function renderCustomers() {
  const list = byId('customers');
  if (!state.customers.length) {
    list.replaceChildren(h('li', { class: 'customers-empty' }, 'No customers yet. Add one above.'));
    return;
  }
  list.replaceChildren(...state.customers.map((c) => {
    const selected = c.waId === state.waId;
    return h('li', {},
      h('button', { type: 'button', class: 'customer' + (selected ? ' selected' : ''), 'aria-current': selected ? 'true' : undefined,
          dataset: { waId: c.waId }, onclick: () => select(c.waId) },
        h('span', { class: 'avatar ' + colourClass(c.waId), 'aria-hidden': 'true' }, initials(c.name)),
        h('span', { class: 'customer-text' },
          h('span', { class: 'customer-name' }, c.name || '+' + c.waId),
          h('span', { class: 'customer-number' }, '+' + c.waId)),
        c.undeliverable ? h('span', { class: 'badge', title: 'Sends to this number fail with 131026' }, 'unreachable') : null,
        state.unread.has(c.waId) ? h('span', { class: 'dot', title: 'New activity' }) : null));
  }));
}

function renderPhone() {
  const chosen = Boolean(state.waId);
  byId('empty').hidden = chosen;
  for (const id of ['text', 'send', 'attach', 'share-location', 'read-all']) byId(id).disabled = !chosen;
  const c = customer();
  byId('status-owner').textContent = chosen ? (c && c.name ? c.name + ' · ' : '') + '+' + state.waId : '';
  renderHeader();
  renderWindow();
  renderReplyBar();
  renderThreadArea();
}

function renderHeader() {
  const b = business();
  const typing = Boolean(state.thread && state.thread.typing);
  const avatar = byId('biz-avatar');
  avatar.textContent = initials(businessName());
  avatar.className = 'avatar biz ' + colourClass(state.phoneNumberId || '');
  byId('biz-name').textContent = businessName();
  const sub = byId('biz-sub');
  sub.textContent = typing ? 'typing…' : b ? '+' + b.displayPhoneNumber + ' · business account' : '';
  sub.classList.toggle('typing', typing);

  const picker = byId('biz-picker');
  byId('biz-picker-row').hidden = state.businessNumbers.length < 2;
  picker.replaceChildren(...state.businessNumbers.map((n) =>
    h('option', { value: n.phoneNumberId }, (n.verifiedName ? n.verifiedName + ' · ' : '') + '+' + n.displayPhoneNumber)));
  if (state.phoneNumberId) picker.value = state.phoneNumberId;
}

function renderWindow() {
  const el = byId('window-state');
  const t = state.thread;
  el.hidden = !t;
  if (!t) return;
  const at = t.windowExpiresAt;
  const open = typeof at === 'number' && at > Date.now();
  el.dataset.state = open ? 'open' : 'closed';
  if (open) el.textContent = '🟢 24-hour window open until ' + formatMoment(at);
  else if (typeof at === 'number') el.textContent = '🔒 Window closed at ' + formatMoment(at) + ': the business can only send templates';
  else el.textContent = '🔒 No open window: the business can only send templates until the customer writes';
}

function renderReplyBar() {
  const bar = byId('reply-bar');
  const quoted = state.editing || state.replyTo;
  bar.hidden = !quoted;
  if (!quoted) return;
  bar.dataset.mode = state.editing ? 'edit' : 'reply';
  byId('reply-author').textContent = state.editing ? 'Editing your message' : quoted.direction === 'in' ? 'You' : businessName();
  byId('reply-preview').textContent = quoted.preview || quoted.type;
}

function renderThreadArea() {
  const el = byId('thread');
  if (!state.thread) {
    el.replaceChildren(state.waId ? h('p', { class: 'thread-empty' }, 'Loading…') : '');
    return;
  }
  const nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
  const previous = el.scrollTop;
  renderThread(el, state.thread, {
    businessName: businessName(),
    actionFor: state.actionFor,
    canAnswer: true,
    localMedia: (id) => localMedia.get(id),
    answer: (item, message) => void send(Object.assign({}, message, { context: { message_id: item.id } })),
    openList: (item, action) =>
      openListSheet(action, (reply) =>
        void send({ type: 'interactive', interactive: { type: 'list_reply', list_reply: reply }, context: { message_id: item.id } })),
    reply: (item) => {
      state.replyTo = item;
      state.editing = null;
      state.actionFor = null;
      renderReplyBar();
      renderThreadArea();
      byId('text').focus();
    },
    react: (item, emoji) => {
      state.actionFor = null;
      void send({ type: 'reaction', reaction: { message_id: item.id, emoji } });
    },
    edit: (item) => {
      state.editing = item;
      state.replyTo = null;
      state.actionFor = null;
      const input = byId('text');
      input.value = item.preview || '';
      renderReplyBar();
      renderThreadArea();
      input.focus();
    },
    remove: (item) => {
      state.actionFor = null;
      void send({ type: 'revoke', revoke: { original_message_id: item.id } });
    },
    toggleActions: (id) => {
      state.actionFor = state.actionFor === id ? null : id;
      renderThreadArea();
    },
  });
  el.scrollTop = stickToBottom || nearBottom ? el.scrollHeight : previous;
  stickToBottom = false;
}

function cancelReply() {
  if (!state.replyTo && !state.editing) return;
  if (state.editing) byId('text').value = '';
  state.replyTo = null;
  state.editing = null;
  renderReplyBar();
}

let toastTimer;
function toast(text) {
  const el = byId('toast');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    el.hidden = true;
  }, 6000);
}

function messageOf(error) {
  return error && error.message ? error.message : String(error);
}

// ---- wiring -----------------------------------------------------------------------------------

byId('add-customer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const waId = form.elements.waId.value.replace(/\D/g, '');
  const name = form.elements.name.value.trim();
  if (!/^[1-9][0-9]{6,14}$/.test(waId)) return toast('The number needs 7 to 15 digits, country code first.');
  if (!name) return toast('Give the customer a name.');
  try {
    const created = (await api.addCustomer({ waId, name, undeliverable: form.elements.undeliverable.checked })) || {};
    form.reset();
    await refreshState();
    select(created.waId || waId);
  } catch (error) {
    toast(messageOf(error));
  }
});

byId('biz-picker').addEventListener('change', (event) => {
  state.phoneNumberId = event.currentTarget.value;
  state.thread = null;
  state.replyTo = null;
  stickToBottom = true;
  writeHash();
  renderPhone();
  void refreshThread();
});

byId('read-all').addEventListener('click', async () => {
  if (!state.waId) return;
  try {
    await api.readAll(state.waId, state.phoneNumberId);
    void refreshThread();
  } catch (error) {
    toast(messageOf(error));
  }
});

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && state.actionFor) {
    state.actionFor = null;
    renderThreadArea();
  }
});

initComposer({
  send,
  sendText,
  cancelReply,
  toast,
  rememberLocalMedia: (id, url) => {
    localMedia.set(id, url);
    renderThreadArea();
  },
});

followStream(
  controlBase + '/stream',
  (event) => {
    if (event.type === 'customers') void refreshState();
    if (event.type !== 'thread' || typeof event.waId !== 'string') return;
    if (event.waId === state.waId) {
      if (!event.phoneNumberId || event.phoneNumberId === state.phoneNumberId) void refreshThread();
      return;
    }
    if (!state.customers.some((c) => c.waId === event.waId)) void refreshState();
    state.unread.add(event.waId);
    renderCustomers();
  },
  (status) => {
    const el = byId('connection');
    el.dataset.state = status;
    el.textContent = status === 'live' ? 'Live' : 'Reconnecting…';
    // Events sent while the stream was down are lost; re-read everything once it is back.
    if (status === 'live') {
      void refreshState();
      void refreshThread();
    }
  },
);

const tick = () => {
  byId('status-clock').textContent = formatTime(Date.now());
  renderWindow();
};
tick();
setInterval(tick, 15000);
renderCustomers();
renderPhone();
void refreshState().then(() => refreshThread());
`;
