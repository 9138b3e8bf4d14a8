import { demoPhoneNumberId } from '../../apps/server/src/config/load-config.js';
import type { InboxHarness } from '../../apps/server/src/e2e/test-support/inbox-harness.js';
import { metaTextsWebhook } from '../../apps/server/src/test-support/meta-text-webhook.js';
import type { Page } from 'playwright-core';

/** `count` customer texts "Message number 1…count" in one conversation, stored before it returns. */
export async function seedThread(
  h: InboxHarness,
  waId: string,
  count: number,
  conversationOf: (h: InboxHarness, waId: string) => Promise<string>,
): Promise<string> {
  const customer = { waId, name: `Thread of ${count}`, phoneNumberId: demoPhoneNumberId };
  const start = Math.floor(Date.now() / 1000) - count - 60;
  for (let from = 1; from <= count; from += 500) {
    const texts = [];
    for (let n = from; n < Math.min(from + 500, count + 1); n++) {
      texts.push({ body: `Message number ${n}`, timestamp: start + n, wamid: `wamid.T${waId}N${n}` });
    }
    const status = await h.webhook(metaTextsWebhook(customer, texts));
    if (status !== 200) throw new Error(`seeding answered ${status}`);
  }
  const id = await conversationOf(h, waId);
  // Webhooks are applied after the 200: wait until the newest is stored.
  for (let i = 0; i < 600; i++) {
    const page = (await h.api('GET', `/v1/conversations/${id}/messages?limit=1`)).json;
    if (page?.data?.at(-1)?.content?.body === `Message number ${count}`) return id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the ${count}-message thread was not stored in time`);
}

/**
 * Opens the thread `times` times in fresh pages: milliseconds from navigation to the newest message
 * in the scroller's view, then the message nodes kept after scrolling to the top five times (older
 * pages load each time).
 */
export async function openThread(h: InboxHarness, id: string, count: number, times: number) {
  const openMs: number[] = [];
  let maxMessageNodes = 0;
  let domElements = 0;
  let stillInView = true;
  // One open first, not counted: the browser's caches and the server's statements warm up.
  for (let i = -1; i < times; i++) {
    const { page, problems } = await h.newPage();
    await page.goto(`${h.base}/conversations/${id}`);
    const handle = await page.waitForFunction(newestInView, `Message number ${count}`, {
      polling: 'raf',
      timeout: 60_000,
    });
    const ms = (await handle.jsonValue()) as number;
    if (i >= 0) openMs.push(ms);
    // Still there a moment later (nothing arriving afterwards pushed it away).
    await page.waitForTimeout(300);
    stillInView &&= (await page.evaluate(newestInView, `Message number ${count}`)) !== null;
    for (let up = 0; up < 5; up++) {
      await page.locator('.sb-thread-scroller').evaluate((el) => el.scrollTo(0, 0));
      await page.waitForTimeout(250);
      maxMessageNodes = Math.max(maxMessageNodes, await page.locator('.sb-bubble').count());
    }
    domElements = Math.max(domElements, await page.evaluate(() => document.getElementsByTagName('*').length));
    if (problems.length > 0) throw new Error(`the page reported: ${problems.join('; ')}`);
    await page.close();
  }
  const sorted = [...openMs].sort((a, b) => a - b);
  return {
    opens: times,
    openToNewestMs: { median: Math.round(sorted[Math.floor(times / 2)]!), max: Math.round(sorted.at(-1)!) },
    newestInView: stillInView,
    maxMessageNodes,
    maxDomElements: domElements,
  };
}

/** In the page: the time (performance.now()) if the bubble with `text` is in the scroller's view, else null. */
function newestInView(text: string): number | null {
  const scroller = document.querySelector('.sb-thread-scroller');
  const bubble = [...document.querySelectorAll('.sb-bubble')].find((b) => b.textContent?.includes(text));
  if (!scroller || !bubble) return null;
  const s = scroller.getBoundingClientRect();
  const b = bubble.getBoundingClientRect();
  return b.top >= s.top && b.bottom <= s.bottom + 1 ? performance.now() : null;
}

/**
 * One webhook's way to the screen: a MutationObserver in the page notes when a bubble with `body`
 * appears (Date.now(), the same clock as Node's on one machine); `send` posts the webhook.
 */
export async function screenLatency(
  page: Page,
  body: string,
  send: () => Promise<number>,
): Promise<{ sentAt: number; shownAt: number }> {
  await page.evaluate((text) => {
    const w = window as unknown as { shownAt?: number };
    delete w.shownAt;
    const observer = new MutationObserver(() => {
      const found = [...document.querySelectorAll('.sb-bubble')].some((b) => b.textContent?.includes(text));
      if (found) {
        w.shownAt = Date.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }, body);
  const sentAt = Date.now();
  const status = await send();
  if (status !== 200) throw new Error(`the webhook answered ${status}`);
  const shown = await page.waitForFunction(
    () => (window as unknown as { shownAt?: number }).shownAt ?? null,
    null,
    {
      timeout: 10_000,
    },
  );
  return { sentAt, shownAt: (await shown.jsonValue()) as number };
}
