import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPhoneNumberId } from '../../config/load-config.js';
import { metaTextWebhook, metaTextsWebhook } from '../../test-support/meta-text-webhook.js';
import { screenshot, startInboxHarness, type InboxHarness } from '../test-support/inbox-harness.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const bubble = (page: Page, text: string) => page.locator('.sb-bubble', { hasText: text });

async function conversationOf(h: InboxHarness, waId: string): Promise<{ id: string }> {
  for (let i = 0; i < 200; i++) {
    const found = (await h.api('GET', `/v1/conversations?q=${waId}`)).json.data[0];
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no conversation with ${waId}`);
}

/** What the inbox must never get wrong: the window, scope, failures, accessibility, long threads. */
describe('the inbox’s rules in Chromium', () => {
  let h: InboxHarness;

  beforeAll(async () => {
    // Short outbox waits, so that a send meeting injected errors fails within the test.
    h = await startInboxHarness(
      {},
      { outbox: { maxAttempts: 2, backoffBaseMs: 20, backoffCapMs: 50, pollMs: 20 } },
    );
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('offers only templates once the window is closed, with a checked form for every parameter', async () => {
    const olga = { waId: '4915700000001', name: 'Olga Old' };
    const dayAndAHourAgo = Math.floor(Date.now() / 1000) - 25 * 3600;
    const status = await h.webhook(
      metaTextWebhook({
        ...olga,
        phoneNumberId: demoPhoneNumberId,
        body: 'Do you still have my file?',
        timestamp: dayAndAHourAgo,
        wamid: 'wamid.TEST0000000001',
      }),
    );
    expect(status).toBe(200);
    const conversation = await conversationOf(h, olga.waId);
    const { page, problems } = await h.newPage({ height: 900 });
    await page.goto(`${h.base}/conversations/${conversation.id}`);
    await bubble(page, 'Do you still have my file?').waitFor();
    await page.getByText(/Window closed since/).waitFor();
    expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    for (const name of ['loan_status_update', 'document_request', 'appointment_reminder', 'welcome_offer']) {
      await page.getByRole('button', { name: new RegExp(name) }).waitFor();
    }
    await page.getByRole('searchbox', { name: 'Search templates' }).fill('loan');
    expect(await page.getByRole('button', { name: /appointment_reminder/ }).count()).toBe(0);
    await page.getByRole('button', { name: /loan_status_update/ }).click();

    await page.getByRole('button', { name: 'Send template' }).click();
    await page.getByRole('alert').filter({ hasText: 'Fill in every field' }).waitFor();
    await page.getByLabel('Header {{1}}').fill('CASE-2001');
    await page.getByLabel('Body {{1}}').fill('Olga');
    await page.getByLabel('Body {{2}}').fill('approved\treally');
    await page.getByLabel('Link of “View my case”').fill('CASE-2001');
    await page.getByText('No line breaks or tabs in a parameter.').waitFor();
    await page.getByLabel('Body {{2}}').fill('approved');
    const preview = page.getByRole('group', { name: 'Preview' });
    await expect
      .poll(() => preview.textContent())
      .toContain('Hello Olga, your loan application is now approved.');
    expect(await preview.textContent()).toContain('Case CASE-2001');
    await screenshot(page, 'template-form');
    await page.getByRole('button', { name: 'Send template' }).click();
    await bubble(page, 'loan_status_update').waitFor();
    const mark = bubble(page, 'loan_status_update').getByRole('img');
    await expect
      .poll(() => mark.getAttribute('aria-label'), { timeout: 10_000 })
      .toMatch(/^(Sent|Delivered|Read)$/);
    const sent = (await h.control('GET', `/customers/${olga.waId}/thread`)).items.filter(
      (item: { direction: string }) => item.direction === 'out',
    );
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0])).toContain('loan_status_update');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('lets an agent scoped to one case see only that case, whatever the URL says', async () => {
    const anna = await conversationOf(h, '4915123456789');
    const mehmet = await conversationOf(h, '4917612345678');
    expect((await h.api('PATCH', `/v1/conversations/${anna.id}`, { refs: ['CASE-A'] })).status).toBe(200);
    const minted = await h.api('POST', '/v1/tokens', { sub: 'agent-a', refs: ['CASE-A'], ttlSeconds: 600 });
    expect(minted.status).toBe(200);
    const { page, problems } = await h.newPage();
    await page.goto(`${h.base}/conversations/${mehmet.id}#token=${minted.json.token}`);
    await page.getByText('This conversation does not exist, or it is not yours to see.').waitFor();
    expect(page.url()).not.toContain('token='); // taken out of the address bar
    await page.getByRole('link', { name: /Anna Weber/ }).waitFor();
    expect(await page.getByRole('link', { name: /Mehmet/ }).count()).toBe(0);
    expect(await page.getByText('Can we move my appointment').count()).toBe(0);
    // The demo banner's key is not a way around it: this tab is the agent's.
    expect(await page.getByText('demo-agent').count()).toBe(0);
    // The token names the agent: "Mine" shows what is assigned to agent-a.
    await page.locator('.inbox-agent', { hasText: 'agent-a' }).waitFor();
    await page.getByRole('combobox', { name: 'Assignee' }).selectOption('mine');
    await expect.poll(() => page.getByRole('link', { name: /Anna Weber/ }).count()).toBe(0);
    expect((await h.api('PATCH', `/v1/conversations/${anna.id}`, { assignee: 'agent-a' })).status).toBe(200);
    await page.getByRole('link', { name: /Anna Weber/ }).waitFor();
    expect(problems.filter((p) => !/status of 404/.test(p))).toEqual([]);
    await page.close();
  });

  it('says why a send failed, offers Retry only when it can help, and retries without a duplicate', async () => {
    // Not on WhatsApp (131026): nothing to retry.
    const nina = '4915800000001';
    await h.control('POST', '/customers', { waId: nina, name: 'Nina Nowhere', undeliverable: true });
    await h.control('POST', `/customers/${nina}/messages`, { type: 'text', text: { body: 'Hallo' } });
    const ninaConversation = await conversationOf(h, nina);
    const { page, problems } = await h.newPage();
    await page.goto(`${h.base}/conversations/${ninaConversation.id}`);
    await page.getByRole('textbox', { name: 'Message' }).fill('Ihr Kredit ist bewilligt');
    await page.getByRole('button', { name: 'Send' }).click();
    const failed = bubble(page, 'Ihr Kredit ist bewilligt');
    await failed.getByText(/Not sent: WhatsApp could not deliver this message/).waitFor({ timeout: 10_000 });
    await failed.getByText('(code 131026)').waitFor();
    expect(await failed.getByRole('img').getAttribute('aria-label')).toMatch(/^Failed: /);
    expect(await failed.getByRole('button', { name: 'Retry' }).count()).toBe(0);

    // A transient provider error, until attempts run out: Retry, once, sends it once.
    const jordan = '15551234567';
    const jordanConversation = await conversationOf(h, jordan);
    await h.control('PUT', '/faults', { sendErrorRate: 1 });
    await page.goto(`${h.base}/conversations/${jordanConversation.id}`);
    await page.getByRole('textbox', { name: 'Message' }).fill('Your statement arrived, thanks');
    await page.getByRole('button', { name: 'Send' }).click();
    const transient = bubble(page, 'Your statement arrived');
    await transient.getByRole('button', { name: 'Retry' }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'failed-send');
    await h.control('PUT', '/faults', { sendErrorRate: 0 });
    await transient.getByRole('button', { name: 'Retry' }).click();
    await expect
      .poll(() => transient.getByRole('img').getAttribute('aria-label'), { timeout: 10_000 })
      .toMatch(/^(Sent|Delivered|Read)$/);
    expect(await transient.getByText(/Not sent/).count()).toBe(0);
    const out = (await h.control('GET', `/customers/${jordan}/thread`)).items.filter(
      (item: { direction: string; preview?: string }) =>
        item.direction === 'out' && item.preview === 'Your statement arrived, thanks',
    );
    expect(out).toHaveLength(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens a 5,000-message thread at its newest message, keeping few message nodes', async () => {
    const big = { waId: '4915600000500', name: 'Long Thread', phoneNumberId: demoPhoneNumberId };
    const start = Math.floor(Date.now() / 1000) - 5000;
    for (let batch = 0; batch < 10; batch++) {
      const texts = Array.from({ length: 500 }, (_, i) => {
        const n = batch * 500 + i + 1;
        return { body: `Message number ${n}`, timestamp: start + n - 1, wamid: `wamid.LONG${n}` };
      });
      expect(await h.webhook(metaTextsWebhook(big, texts))).toBe(200);
    }
    const conversation = await conversationOf(h, big.waId);
    const { page, problems } = await h.newPage();
    await page.goto(`${h.base}/conversations/${conversation.id}`);
    // Opened while the webhooks are still being stored: the newest stays in view as they land.
    await bubble(page, 'Message number 5000').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    expect(await bubble(page, 'Message number 5000').isVisible()).toBe(true);
    // Scroll to the top a few times: older pages load, the DOM stays small.
    for (let i = 0; i < 5; i++) {
      await page.locator('.sb-thread-scroller').evaluate((el) => el.scrollTo(0, 0));
      await page.waitForTimeout(250);
    }
    const nodes = await page.locator('.sb-bubble').count();
    expect(nodes).toBeGreaterThan(5);
    expect(nodes).toBeLessThanOrEqual(150);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('has no serious accessibility violation on the inbox pages (axe)', async () => {
    const { page } = await h.newPage({ bypassCSP: true });
    const serious = async (where: string) => {
      await page.evaluate(axeSource);
      const results = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
            };
          }
        ).axe;
        const { violations } = await axe.run();
        return violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      return results.map((r) => `${where}: ${r}`);
    };
    await page.goto(h.base + '/');
    await page.getByRole('link', { name: /Anna Weber/ }).waitFor();
    const found = await serious('list');
    await page.getByRole('link', { name: /Anna Weber/ }).click();
    await bubble(page, 'My payslip').first().waitFor();
    found.push(...(await serious('conversation')));
    await page.getByRole('button', { name: 'Shortcuts' }).click();
    found.push(...(await serious('shortcuts')));
    expect(found).toEqual([]);
    await page.close();
  });
});
