/**
 * Browser module `thread-view.js`: renders a thread (GET …/thread) as the customer's chat:
 * customer messages on the right with whether the business read them, business messages on the
 * left with their delivery ticks, day separators, quotes, reactions and the typing indicator.
 */
export const threadViewJs = String.raw`
import { h, formatDay, formatTime } from './dom.js';
import { renderContent } from './message-content.js';

export const REACTIONS = ['👍', '❤️', '😂'];

const OUT_TICKS = {
  accepted: ['◷', 'Accepted by the platform, not sent yet'],
  sent: ['✓', 'Sent'],
  delivered: ['✓✓', 'Delivered'],
  read: ['✓✓', 'Read'],
  played: ['✓✓', 'Played'],
  failed: ['❗', 'Failed'],
};

/**
 * view: { businessName, actionFor, canAnswer, localMedia(id), answer(item, message),
 * openList(item, action), reply(item), react(item, emoji), edit(item), remove(item),
 * toggleActions(id) }.
 */
export function renderThread(container, thread, view) {
  const items = Array.isArray(thread.items) ? thread.items : [];
  const byId = new Map(items.map((item) => [item.id, item]));
  const rows = [];
  let lastDay = '';
  for (const item of items) {
    if (hiddenReaction(item, byId)) continue;
    const day = formatDay(item.timestamp);
    if (day !== lastDay) {
      rows.push(h('div', { class: 'day' }, h('span', {}, day)));
      lastDay = day;
    }
    rows.push(item.type === 'reaction' ? reactionNote(item, byId, view) : row(item, byId, view));
  }
  if (!rows.length) rows.push(h('p', { class: 'thread-empty' }, 'No messages yet. Say hello as the customer.'));
  if (thread.typing) {
    rows.push(h('div', { class: 'row out typing-row' },
      h('div', { class: 'bubble typing-bubble', 'aria-label': view.businessName + ' is typing' },
        h('span', {}), h('span', {}), h('span', {}))));
  }
  container.replaceChildren(...rows);
}

// The emulator folds reactions into their target's reactions (shown there as chips); a reaction
// item of its own only gets a line when its target is not in this thread.
function hiddenReaction(item, byId) {
  if (item.type !== 'reaction') return false;
  return byId.has(item.message && item.message.reaction && item.message.reaction.message_id);
}

function reactionNote(item, byId, view) {
  const reaction = (item.message && item.message.reaction) || {};
  const who = item.direction === 'in' ? 'You' : view.businessName;
  const target = byId.get(reaction.message_id);
  const what = reaction.emoji ? 'reacted ' + reaction.emoji : 'removed a reaction';
  return h('div', { class: 'note' }, who + ' ' + what + (target ? ' to “' + (target.preview || target.type) + '”' : ''));
}

function row(item, byId, view) {
  const out = item.direction === 'out';
  const canAct = !item.revoked && item.status !== 'failed';
  const content = renderContent(item, {
    localMedia: view.localMedia,
    answer: view.answer,
    openList: view.openList,
    canAnswer: view.canAnswer && canAct,
  });
  const open = canAct && view.actionFor === item.id;
  const bubble = h('div', {
      class: 'bubble' + (item.status === 'failed' ? ' failed' : ''),
      dataset: { id: item.id, direction: item.direction, type: item.type },
      onclick: (event) => {
        if (canAct && !event.target.closest('button')) view.toggleActions(item.id);
      },
    },
    item.replyTo ? quote(item.replyTo, byId, view) : null,
    content.body,
    h('div', { class: 'meta' },
      item.edited && !item.revoked ? h('span', { class: 'edited' }, 'Edited') : null,
      h('time', { datetime: Number.isFinite(item.timestamp) ? new Date(item.timestamp).toISOString() : undefined }, formatTime(item.timestamp)),
      out ? outTicks(item) : inTicks(item)),
    canAct
      ? h('button', { type: 'button', class: 'more', 'aria-label': 'Message actions', 'aria-expanded': open ? 'true' : 'false',
          onclick: () => view.toggleActions(item.id) }, '⌄')
      : null);
  return h('div', { class: 'row ' + (out ? 'out' : 'in'), dataset: { id: item.id } },
    bubble,
    reactions(item, view),
    item.status === 'failed' ? failure(item.error) : null,
    content.buttons.length ? h('div', { class: 'bubble-buttons' }, content.buttons) : null,
    open ? actions(item, view) : null);
}

function quote(replyTo, byId, view) {
  const target = byId.get(replyTo);
  const author = !target ? 'Quoted message' : target.direction === 'in' ? 'You' : view.businessName;
  const preview = !target ? 'Not in this thread' : target.revoked ? 'Deleted message' : target.preview || target.type;
  return h('button', { type: 'button', class: 'quote' + (target && target.direction === 'in' ? ' mine' : ''),
      onclick: () => jumpTo(replyTo) },
    h('strong', {}, author), h('span', {}, preview));
}

function jumpTo(id) {
  const rows = document.querySelectorAll('#thread .row');
  for (const el of rows) {
    if (el.dataset.id !== id) continue;
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    // Restarts the highlight animation when the same quote is tapped twice.
    el.classList.remove('flash');
    void el.offsetWidth;
    el.classList.add('flash');
    return;
  }
}

function outTicks(item) {
  const [mark, label] = OUT_TICKS[item.status] || ['', ''];
  if (!mark) return null;
  const blue = item.status === 'read' || item.status === 'played';
  return h('span', { class: 'ticks' + (blue ? ' blue' : '') + (item.status === 'failed' ? ' bad' : ''),
    dataset: { status: item.status }, title: label, 'aria-label': label }, mark);
}

// The customer's own messages reach the business at once; the only news is whether it read them.
function inTicks(item) {
  const read = item.readByBusiness === true;
  const label = read ? 'Read by the business' : 'Delivered, not read by the business yet';
  return h('span', { class: 'ticks' + (read ? ' blue' : ''), dataset: { status: read ? 'read' : 'delivered' },
    title: label, 'aria-label': label }, '✓✓');
}

function failure(error) {
  const e = error || {};
  const title = e.title || 'Not delivered';
  return h('div', { class: 'failure', title: e.details || '' },
    '❗ ' + title + (e.code !== undefined ? ' (' + e.code + ')' : ''));
}

function reactions(item, view) {
  const list = (Array.isArray(item.reactions) ? item.reactions : []).filter((r) => r && r.emoji);
  if (!list.length) return null;
  return h('div', { class: 'reactions' },
    list.map((r) => h('span', { class: 'reaction' + (r.from === 'customer' ? ' mine' : ''),
      title: r.from === 'customer' ? 'You' : view.businessName }, r.emoji)));
}

export function customerReaction(item) {
  const mine = (Array.isArray(item.reactions) ? item.reactions : []).find((r) => r && r.from === 'customer');
  return mine && mine.emoji ? mine.emoji : '';
}

function actions(item, view) {
  const mine = customerReaction(item);
  const out = item.direction === 'out';
  return h('div', { class: 'actions', role: 'toolbar', 'aria-label': 'Message actions' },
    h('button', { type: 'button', class: 'action reply-action', onclick: () => view.reply(item) }, '↩ Reply'),
    out
      ? REACTIONS.map((emoji) => h('button', { type: 'button', class: 'action react' + (mine === emoji ? ' chosen' : ''),
          'aria-pressed': mine === emoji ? 'true' : 'false', title: 'React ' + emoji,
          onclick: () => view.react(item, emoji) }, emoji))
      : null,
    out && mine
      ? h('button', { type: 'button', class: 'action unreact', onclick: () => view.react(item, '') }, 'Remove reaction')
      : null,
    // Customers can edit their own texts and delete their own messages (edit/revoke webhooks).
    !out && item.type === 'text'
      ? h('button', { type: 'button', class: 'action edit-action', onclick: () => view.edit(item) }, '✎ Edit')
      : null,
    !out ? h('button', { type: 'button', class: 'action delete-action', onclick: () => view.remove(item) }, '🗑 Delete') : null);
}
`;
