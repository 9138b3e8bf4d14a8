import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startInboxHarness, type InboxHarness } from '../test-support/inbox-harness.js';

const anna = '4915123456789';

/** The first-run promise: type as the customer, see it in the inbox, answer, watch the ticks. */
describe('the inbox in Chromium (demo mode)', () => {
  let h: InboxHarness;

  beforeAll(async () => {
    h = await startInboxHarness();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('shows a customer message at once and carries the reply to Read', async () => {
    const { page, problems } = await h.newPage();
    await page.goto(h.base + '/');
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();

    const sentAt = Date.now();
    await h.control('POST', `/customers/${anna}/messages`, {
      type: 'text',
      text: { body: 'Is my loan approved?' },
    });
    await page.getByRole('link', { name: /Anna Weber/ }).click();
    await page.getByText('Is my loan approved?').waitFor();
    const onScreenMs = Date.now() - sentAt;

    await page.getByRole('textbox', { name: 'Message' }).fill('Yes — congratulations!');
    await page.getByRole('button', { name: 'Send' }).click();
    const mark = page.locator('.sb-bubble[data-direction="outbound"]').last().getByRole('img');
    await expect
      .poll(() => mark.getAttribute('aria-label'), { timeout: 10_000 })
      .toMatch(/^(Pending|Sent|Delivered)/);
    await expect.poll(() => mark.getAttribute('aria-label'), { timeout: 10_000 }).toBe('Delivered');
    await h.control('POST', `/customers/${anna}/read`, {});
    await expect.poll(() => mark.getAttribute('aria-label'), { timeout: 10_000 }).toBe('Read');
    await screenshot(page, 'inbox');
    expect(onScreenMs).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
