/**
 * Browser module `list-sheet.js`: the bottom sheet a list message opens, where the customer picks
 * one row (it becomes a `list_reply`).
 */
export const listSheetJs = String.raw`
import { arr, byId, h, obj, str } from './dom.js';

export function openListSheet(action, onPick) {
  const sheet = byId('sheet');
  const close = () => {
    sheet.hidden = true;
    sheet.replaceChildren();
  };
  const title = str(action.button) || 'Choose an option';
  const sections = arr(action.sections).map((s) => {
    const section = obj(s);
    return h('section', { class: 'sheet-section' },
      str(section.title) ? h('h3', {}, section.title) : null,
      arr(section.rows).map((r) => {
        const row = obj(r);
        const reply = { id: String(row.id ?? ''), title: String(row.title ?? '') };
        if (str(row.description)) reply.description = row.description;
        return h('button', { type: 'button', class: 'list-row', onclick: () => {
            close();
            onPick(reply);
          } },
          h('span', { class: 'list-row-title' }, reply.title),
          reply.description ? h('span', { class: 'list-row-description' }, reply.description) : null);
      }));
  });
  const panel = h('div', { class: 'sheet-panel', role: 'dialog', 'aria-modal': 'true', 'aria-label': title,
      onkeydown: (event) => {
        if (event.key === 'Escape') close();
      } },
    h('header', {}, h('strong', {}, title),
      h('button', { type: 'button', class: 'sheet-close', 'aria-label': 'Close', onclick: close }, '✕')),
    h('div', { class: 'sheet-body' }, sections.length ? sections : h('p', { class: 'subtle' }, 'This list has no rows.')));
  sheet.replaceChildren(h('div', { class: 'sheet-backdrop', onclick: close }), panel);
  sheet.hidden = false;
  const first = panel.querySelector('.list-row') || panel.querySelector('.sheet-close');
  if (first) first.focus();
}
`;
