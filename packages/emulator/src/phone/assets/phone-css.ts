/**
 * The page's styles, served as `phone.css` (the CSP allows no inline styles). A developer tool
 * sidebar on the left, a phone frame in the middle; bubbles and ticks in our own palette.
 */
export const phoneCss = String.raw`
:root {
  --ink: #1c2030;
  --muted: #69708a;
  --line: #e2e5ee;
  --panel: #ffffff;
  --page: #eceff6;
  --accent: #4f6bed;
  --accent-ink: #ffffff;
  --navy: #23305c;
  --mine: #e1f5e8;
  --theirs: #ffffff;
  --tick: #8a91a6;
  --tick-read: #1a8cff;
  --danger: #d93b3b;
  --chat: #efe9df;
  --radius: 14px;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Color Emoji', sans-serif;
  color: var(--ink);
  font-size: 15px;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html, body { margin: 0; height: 100%; }
body { background: var(--page); }
button, input, select, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
button:disabled { cursor: default; opacity: 0.55; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }

.layout { display: grid; grid-template-columns: 320px 1fr; height: 100vh; }

/* ---- sidebar ---- */
.sidebar {
  display: flex; flex-direction: column; min-height: 0;
  background: var(--panel); border-right: 1px solid var(--line);
}
.brand { display: flex; align-items: center; gap: 10px; padding: 18px 18px 10px; }
.brand h1 { font-size: 17px; margin: 0; font-weight: 650; letter-spacing: -0.01em; }
.brand-mark {
  width: 26px; height: 26px; border-radius: 8px; flex: none;
  background: linear-gradient(135deg, var(--accent), var(--navy));
  box-shadow: inset 0 0 0 6px rgba(255, 255, 255, 0.18);
}
.add-customer {
  display: grid; gap: 8px; margin: 6px 14px 12px; padding: 12px;
  border: 1px solid var(--line); border-radius: var(--radius); background: #f8f9fc;
}
.field-row { display: flex; gap: 8px; align-items: end; }
.field-row > label { flex: 1; min-width: 0; display: grid; gap: 4px; font-size: 12px; color: var(--muted); }
.field-row input:not([type='checkbox']) {
  width: 100%; padding: 7px 9px; border: 1px solid var(--line); border-radius: 9px; background: #fff;
}
.field-row label.check { display: flex; align-items: center; gap: 6px; font-size: 13px; }
.add-customer button[type='submit'] {
  flex: none; padding: 7px 14px; border: 0; border-radius: 9px;
  background: var(--accent); color: var(--accent-ink); font-weight: 600;
}
.customer-nav { flex: 1; min-height: 0; overflow: auto; padding: 0 8px; }
.customers { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
.customers-empty { padding: 16px 10px; color: var(--muted); font-size: 14px; }
.customer {
  width: 100%; display: flex; align-items: center; gap: 10px; padding: 9px 10px;
  border: 0; border-radius: 12px; background: transparent; text-align: left;
}
.customer:hover { background: #f2f4fa; }
.customer.selected { background: #e6eafc; }
.customer-text { flex: 1; min-width: 0; display: grid; }
.customer-name, .customer-number { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.customer-name { font-weight: 600; }
.customer-number { font-size: 12.5px; color: var(--muted); }
.badge {
  font-size: 11px; padding: 2px 7px; border-radius: 99px; background: #fdecec; color: var(--danger);
}
.dot { width: 9px; height: 9px; border-radius: 50%; background: var(--accent); flex: none; }
.connection {
  padding: 10px 18px; border-top: 1px solid var(--line); font-size: 12.5px; color: var(--muted);
  display: flex; align-items: center; gap: 8px;
}
.connection::before { content: ''; width: 8px; height: 8px; border-radius: 50%; background: #f0a000; }
.connection[data-state='live']::before { background: #22b566; }

.avatar {
  width: 38px; height: 38px; border-radius: 50%; flex: none;
  display: grid; place-items: center; font-size: 14px; font-weight: 650; color: #fff;
}
.avatar.c0 { background: #4f6bed; } .avatar.c1 { background: #e0703a; }
.avatar.c2 { background: #1f9d7a; } .avatar.c3 { background: #b548c6; }
.avatar.c4 { background: #d9475f; } .avatar.c5 { background: #3a8fd9; }
.avatar.c6 { background: #8a6d3b; } .avatar.c7 { background: #5b6478; }

/* ---- the phone ---- */
.stage { display: grid; place-items: center; padding: 24px; min-width: 0; overflow: auto; }
.phone {
  position: relative; display: flex; flex-direction: column; overflow: hidden;
  width: 390px; max-width: 100%; height: min(820px, calc(100vh - 48px));
  border: 11px solid #15171e; border-radius: 48px; background: var(--chat);
  box-shadow: 0 30px 60px -20px rgba(20, 24, 40, 0.45), 0 0 0 2px #3a3f4e;
}
.status-bar {
  display: flex; justify-content: space-between; align-items: center; gap: 8px;
  padding: 9px 26px 5px; background: var(--navy); color: #fff; font-size: 12.5px; font-weight: 600;
}
#status-owner { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; opacity: 0.85; font-weight: 500; }
.chat-header { padding: 8px 12px 10px; background: var(--navy); color: #fff; }
.chat-header-main { display: flex; align-items: center; gap: 10px; }
.chat-header .avatar { width: 36px; height: 36px; }
.chat-title { flex: 1; min-width: 0; }
.chat-title .name { font-weight: 650; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.chat-title .sub { font-size: 12px; opacity: 0.8; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.chat-title .sub.typing { color: #9ff0bf; opacity: 1; font-style: italic; }
.number-picker {
  display: flex; align-items: center; gap: 8px; margin-top: 8px; font-size: 12px; opacity: 0.9;
}
#biz-picker {
  flex: 1; min-width: 0; padding: 4px 6px; border-radius: 8px; border: 0;
  background: rgba(255, 255, 255, 0.14); color: #fff; font-size: 12px;
}
#biz-picker option { color: var(--ink); }
.header-button {
  flex: none; padding: 5px 9px; border-radius: 99px; border: 1px solid rgba(255, 255, 255, 0.35);
  background: transparent; color: #fff; font-size: 12px;
}
.header-button:hover:not(:disabled) { background: rgba(255, 255, 255, 0.12); }
.window-state {
  padding: 5px 12px; font-size: 11.5px; text-align: center; border-bottom: 1px solid rgba(0, 0, 0, 0.06);
}
.window-state[data-state='open'] { background: #e5f6ea; color: #1d6b3c; }
.window-state[data-state='closed'] { background: #fbf1de; color: #7a5412; }

.thread {
  flex: 1; min-height: 0; overflow-y: auto; padding: 10px 10px 14px;
  display: flex; flex-direction: column; gap: 3px;
  background-color: var(--chat);
  background-image: radial-gradient(rgba(35, 48, 92, 0.07) 1.2px, transparent 1.3px);
  background-size: 18px 18px;
}
.thread-empty, .note {
  align-self: center; margin: 10px 0; padding: 5px 12px; border-radius: 10px;
  background: rgba(255, 255, 255, 0.75); color: var(--muted); font-size: 12.5px; text-align: center;
}
.day { align-self: center; margin: 8px 0 4px; }
.day span {
  display: inline-block; padding: 3px 10px; border-radius: 8px; font-size: 11.5px;
  background: #fff8ec; color: #6b6252; box-shadow: 0 1px 0 rgba(0, 0, 0, 0.06);
}

.row { display: flex; flex-direction: column; max-width: 82%; margin-top: 2px; }
.row.in { align-self: flex-end; align-items: flex-end; }
.row.out { align-self: flex-start; align-items: flex-start; }
.row.flash .bubble { animation: flash 1.2s ease-out; }
@keyframes flash { from { box-shadow: 0 0 0 4px rgba(79, 107, 237, 0.55); } }

.bubble {
  position: relative; min-width: 86px; padding: 6px 9px 4px; border-radius: 12px;
  box-shadow: 0 1px 0.5px rgba(20, 24, 40, 0.13); overflow-wrap: anywhere;
}
.row.in .bubble { background: var(--mine); border-top-right-radius: 4px; }
.row.out .bubble { background: var(--theirs); border-top-left-radius: 4px; }
.bubble.failed { box-shadow: 0 0 0 1.5px rgba(217, 59, 59, 0.5); }
.bubble .text { margin: 0; white-space: pre-wrap; line-height: 1.35; }
.bubble .subtle, .subtle { margin: 2px 0 0; font-size: 12.5px; color: var(--muted); }
.bubble .revoked { margin: 0; font-style: italic; color: var(--muted); }
.bubble .i-header { margin: 0 0 3px; font-weight: 650; }
.bubble .i-footer { margin: 4px 0 0; font-size: 12.5px; color: var(--muted); }
.bubble .template-tag {
  margin: 0 0 4px; font-size: 11px; color: var(--accent); font-weight: 600; letter-spacing: 0.01em;
}
/* Beside the bubble, not over it, so it never hides the end of a line. */
.bubble .more {
  position: absolute; top: 4px; width: 24px; height: 24px; padding: 0;
  border: 0; border-radius: 50%; background: rgba(255, 255, 255, 0.9); color: var(--muted); font-size: 13px;
  box-shadow: 0 1px 2px rgba(20, 24, 40, 0.18); opacity: 0; transition: opacity 0.12s;
}
.row.out .bubble .more { right: -30px; }
.row.in .bubble .more { left: -30px; }
.row:hover .more, .bubble .more:focus-visible, .bubble .more[aria-expanded='true'] { opacity: 1; }
.meta {
  display: flex; justify-content: flex-end; align-items: center; gap: 4px;
  margin-top: 2px; font-size: 11px; color: var(--muted); white-space: nowrap;
}
.meta .edited { font-style: italic; }
.ticks { color: var(--tick); letter-spacing: -3px; padding-right: 3px; font-size: 12px; }
.ticks.blue { color: var(--tick-read); }
.ticks.bad { letter-spacing: 0; color: var(--danger); }
.failure { margin: 3px 4px 0; font-size: 12px; color: var(--danger); }

.quote {
  display: grid; width: 100%; margin: 0 0 5px; padding: 5px 8px; text-align: left;
  border: 0; border-left: 4px solid var(--accent); border-radius: 7px;
  background: rgba(35, 48, 92, 0.06); font-size: 12.5px;
}
.quote.mine { border-left-color: #1f9d7a; }
.quote strong { color: var(--accent); font-size: 12px; }
.quote.mine strong { color: #1f9d7a; }
.quote span { color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }

.media, .contact-card {
  display: flex; align-items: center; gap: 10px; margin-bottom: 4px; padding: 9px 10px;
  border-radius: 9px; background: rgba(35, 48, 92, 0.06);
}
.media-icon { font-size: 24px; line-height: 1; }
.media-text { display: grid; min-width: 0; }
.media-label { font-weight: 600; overflow: hidden; text-overflow: ellipsis; }
.media-source { font-size: 11.5px; color: var(--muted); }
.media-image, .media-video { min-height: 110px; justify-content: center; flex-direction: column; }
.thumb { display: block; max-width: 100%; max-height: 260px; border-radius: 9px; margin-bottom: 4px; }
.location { display: grid; gap: 6px; margin-bottom: 2px; }
.location .map {
  height: 96px; border-radius: 9px; display: grid; place-items: center;
  background:
    linear-gradient(90deg, transparent 46%, rgba(255, 255, 255, 0.9) 46%, rgba(255, 255, 255, 0.9) 54%, transparent 54%),
    linear-gradient(0deg, transparent 60%, rgba(255, 255, 255, 0.8) 60%, rgba(255, 255, 255, 0.8) 66%, transparent 66%),
    linear-gradient(135deg, #cfe8d3, #bcd9ee);
}
.location .pin { font-size: 28px; }
.location-text { display: grid; font-size: 13px; }
.location-text .coords { font-size: 11.5px; color: var(--muted); }

.bubble-buttons { display: grid; gap: 3px; width: 100%; min-width: 200px; margin-top: 3px; }
.bubble-button {
  padding: 8px 10px; border: 0; border-radius: 10px; background: #fff; color: var(--accent);
  font-weight: 600; font-size: 14px; box-shadow: 0 1px 0.5px rgba(20, 24, 40, 0.13);
}
.bubble-button:hover:not(:disabled) { background: #f3f5ff; }

.reactions { display: flex; gap: 3px; margin: -6px 8px 0; position: relative; }
.reaction {
  padding: 1px 6px; border-radius: 99px; background: #fff; font-size: 13px;
  box-shadow: 0 1px 2px rgba(20, 24, 40, 0.2);
}
.reaction.mine { background: #eef7f1; }

.actions {
  display: flex; flex-wrap: wrap; gap: 4px; margin-top: 5px; padding: 4px;
  border-radius: 99px; background: #fff; box-shadow: 0 4px 14px rgba(20, 24, 40, 0.18);
}
.action { padding: 4px 10px; border: 0; border-radius: 99px; background: transparent; font-size: 13px; }
.action:hover, .action.chosen { background: #eef1fd; }
.action.react { font-size: 17px; padding: 2px 7px; }

.typing-bubble { display: flex; gap: 4px; align-items: center; min-width: 0; padding: 11px 13px; }
.typing-bubble span {
  width: 7px; height: 7px; border-radius: 50%; background: #9aa1b5; animation: typing 1.2s infinite ease-in-out;
}
.typing-bubble span:nth-child(2) { animation-delay: 0.15s; }
.typing-bubble span:nth-child(3) { animation-delay: 0.3s; }
@keyframes typing { 0%, 60%, 100% { transform: translateY(0); opacity: 0.5; } 30% { transform: translateY(-4px); opacity: 1; } }

/* ---- composer ---- */
.reply-bar {
  display: flex; align-items: center; gap: 8px; margin: 0 8px; padding: 6px 8px;
  border-radius: 12px 12px 0 0; background: #fff;
}
.reply-bar-quote {
  flex: 1; min-width: 0; display: grid; padding: 3px 8px; border-left: 4px solid var(--accent);
  border-radius: 6px; background: rgba(35, 48, 92, 0.06); font-size: 12.5px;
}
.reply-bar-quote strong { color: var(--accent); }
.reply-bar[data-mode='edit'] .reply-bar-quote { border-left-color: #e0703a; }
.reply-bar[data-mode='edit'] .reply-bar-quote strong { color: #b4551f; }
.reply-bar-quote span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--muted); }
#reply-cancel { border: 0; background: transparent; color: var(--muted); font-size: 15px; }
.composer { display: flex; align-items: flex-end; gap: 6px; padding: 6px 8px 16px; }
.composer textarea {
  flex: 1; min-width: 0; resize: none; field-sizing: content; max-height: 120px; min-height: 40px;
  padding: 9px 14px; border: 0; border-radius: 20px; background: #fff; line-height: 1.35;
  box-shadow: 0 1px 0.5px rgba(20, 24, 40, 0.13);
}
.composer textarea:focus { outline: none; box-shadow: 0 0 0 2px rgba(79, 107, 237, 0.4); }
.round {
  width: 40px; height: 40px; flex: none; border: 0; border-radius: 50%; padding: 0;
  background: #fff; font-size: 18px; box-shadow: 0 1px 0.5px rgba(20, 24, 40, 0.13);
}
.round.send { background: var(--accent); color: #fff; font-size: 17px; }

/* ---- overlays ---- */
.empty {
  position: absolute; inset: 0; display: grid; place-items: center; padding: 40px;
  background: rgba(239, 233, 223, 0.96); text-align: center; color: var(--muted);
}
.sheet { position: absolute; inset: 0; z-index: 5; display: flex; flex-direction: column; justify-content: flex-end; }
.sheet-backdrop { position: absolute; inset: 0; background: rgba(15, 18, 30, 0.4); }
.sheet-panel {
  position: relative; max-height: 75%; display: flex; flex-direction: column;
  background: #fff; border-radius: 18px 18px 0 0; animation: rise 0.18s ease-out;
}
@keyframes rise { from { transform: translateY(30px); opacity: 0; } }
.sheet-panel header {
  display: flex; align-items: center; justify-content: space-between; padding: 14px 16px;
  border-bottom: 1px solid var(--line);
}
.sheet-close { border: 0; background: transparent; font-size: 16px; color: var(--muted); }
.sheet-body { overflow-y: auto; padding: 6px 0 18px; }
.sheet-section h3 {
  margin: 10px 16px 4px; font-size: 12px; color: var(--accent); text-transform: uppercase; letter-spacing: 0.04em;
}
.list-row {
  width: 100%; display: grid; gap: 2px; padding: 10px 16px; border: 0; background: transparent; text-align: left;
}
.list-row:hover { background: #f3f5fb; }
.list-row-title { font-weight: 600; }
.list-row-description { font-size: 12.5px; color: var(--muted); }
.toast {
  position: fixed; left: 50%; bottom: 24px; transform: translateX(-50%); max-width: min(560px, 90vw);
  padding: 10px 16px; border-radius: 12px; background: #1c2030; color: #fff; font-size: 14px;
  box-shadow: 0 8px 24px rgba(0, 0, 0, 0.25);
}

@media (max-width: 760px) {
  .layout { grid-template-columns: 1fr; height: auto; }
  .sidebar { border-right: 0; border-bottom: 1px solid var(--line); }
  .customer-nav { max-height: 220px; }
  .stage { padding: 12px; }
  .phone { height: 90vh; border-width: 8px; border-radius: 36px; }
}
`;
