import { escapeHtml } from '../security.js';

/**
 * The page skeleton. Only three values are interpolated and each goes through {@link escapeHtml};
 * the control API base reaches the script as a `data-` attribute instead of inline code, which the
 * Content-Security-Policy forbids anyway.
 */
export function renderPhoneHtml(input: { title: string; controlBase: string; assetBase: string }): string {
  const title = escapeHtml(input.title);
  const base = escapeHtml(input.assetBase);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="${base}/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${base}/phone.css">
<script type="module" src="${base}/app.js"></script>
</head>
<body data-control-base="${escapeHtml(input.controlBase)}">
<div class="layout">
  <aside class="sidebar">
    <header class="brand"><span class="brand-mark" aria-hidden="true"></span><h1>${title}</h1></header>
    <form id="add-customer" class="add-customer" autocomplete="off" novalidate>
      <div class="field-row">
        <label>Number <input name="waId" inputmode="numeric" placeholder="351912345678" required></label>
        <label>Name <input name="name" maxlength="80" placeholder="Ana" required></label>
      </div>
      <div class="field-row">
        <label class="check"><input type="checkbox" name="undeliverable"> Undeliverable</label>
        <button type="submit">Add customer</button>
      </div>
    </form>
    <nav class="customer-nav" aria-label="Customers"><ul id="customers" class="customers"></ul></nav>
    <footer id="connection" class="connection" data-state="connecting">Connecting…</footer>
  </aside>
  <main class="stage">
    <section id="phone" class="phone" aria-label="Customer phone">
      <div class="status-bar"><span id="status-clock"></span><span id="status-owner"></span><span aria-hidden="true">▂▄▆ ▮</span></div>
      <header class="chat-header">
        <div class="chat-header-main">
          <span id="biz-avatar" class="avatar biz" aria-hidden="true"></span>
          <div class="chat-title"><div id="biz-name" class="name"></div><div id="biz-sub" class="sub"></div></div>
          <button type="button" id="read-all" class="header-button" title="The customer reads every business message">✓✓ Read all</button>
        </div>
        <label id="biz-picker-row" class="number-picker" hidden>Business number <select id="biz-picker"></select></label>
      </header>
      <div id="window-state" class="window-state"></div>
      <div id="thread" class="thread" role="log" aria-live="polite"></div>
      <div id="reply-bar" class="reply-bar" hidden>
        <div class="reply-bar-quote"><strong id="reply-author"></strong><span id="reply-preview"></span></div>
        <button type="button" id="reply-cancel" aria-label="Cancel reply">✕</button>
      </div>
      <form id="composer" class="composer" autocomplete="off">
        <button type="button" id="attach" class="round" title="Attach an image or a document" aria-label="Attach">📎</button>
        <input type="file" id="file" hidden>
        <button type="button" id="share-location" class="round" title="Share a sample location" aria-label="Share location">📍</button>
        <textarea id="text" rows="1" placeholder="Message" aria-label="Message"></textarea>
        <button type="submit" id="send" class="round send" aria-label="Send">➤</button>
      </form>
      <div id="sheet" class="sheet" hidden></div>
      <div id="empty" class="empty"><p>Add a customer or pick one on the left to open their phone.</p></div>
    </section>
  </main>
</div>
<div id="toast" class="toast" role="status" hidden></div>
</body>
</html>
`;
}
