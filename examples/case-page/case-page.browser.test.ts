import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExample, type Example } from './dev.js';

const chromiumPath = '/usr/bin/chromium';
const anna = '4915123456789';
const screenshots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The example as a salesperson uses it: the case page in Chromium, the customer on WhatsApp (demo). */
describe('the case-page example in Chromium', () => {
  let example: Example;
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(chromiumPath))
      throw new Error(`This browser test needs Debian Chromium at ${chromiumPath}.`);
    example = await startExample({ port: 0, switchboardPort: await freePort() });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    mkdirSync(screenshots, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await example?.close();
  });

  it('shows the case conversation live in <CaseConversation>, and the agent answers from the case page', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 860 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(example.url);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 15_000 });
    // Anna has not written yet: the window is closed, only templates are offered.
    await page.getByText(/only a template can reach the customer/).waitFor();
    expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    await page.getByRole('searchbox', { name: 'Search templates' }).waitFor();

    const customerSays = await fetch(
      `${example.switchboardUrl}/emulator/_control/customers/${anna}/messages`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'text',
          text: { body: 'Hallo! Which documents do you still need? <b>' },
        }),
      },
    );
    expect(customerSays.status).toBe(201);
    await page.getByText('Which documents do you still need? <b>').waitFor({ timeout: 5000 });

    // Her message opened the window: free text now.
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.waitFor();
    await box.fill('Your last two payslips, please.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.sb-bubble', { hasText: 'Your last two payslips, please.' }).waitFor();
    await page
      .getByRole('img', { name: /^(Sent|Delivered|Read)$/ })
      .first()
      .waitFor({ timeout: 10_000 });

    // The bank's theme reaches the conversation through --sb-* variables, and nothing leaks out.
    const colours = await page.evaluate(() => {
      const root = document.querySelector('.sb-root')!;
      const bubble = document.querySelector('.sb-bubble[data-direction="outbound"]');
      return {
        accent: getComputedStyle(root).getPropertyValue('--sb-accent').trim(),
        bodyFont: getComputedStyle(document.body).fontFamily,
        bubble: bubble ? getComputedStyle(bubble).backgroundColor : null,
      };
    });
    expect(colours.bodyFont).toMatch(/Georgia/);
    expect(colours.accent).toContain('#0b3d91');
    expect(colours.bubble).toBe('rgb(221, 232, 250)'); // the bank's --sb-bubble-out, light
    await page.screenshot({ path: join(screenshots, 'case-page.png') });

    await page.getByRole('combobox', { name: 'Conversation theme' }).selectOption('dark');
    await expect
      .poll(() =>
        page.evaluate(() => {
          const bubble = document.querySelector('.sb-bubble[data-direction="outbound"]');
          return bubble ? getComputedStyle(bubble).backgroundColor : null;
        }),
      )
      .not.toBe(colours.bubble);
    await page.screenshot({ path: join(screenshots, 'case-page-dark.png') });
    expect(problems).toEqual([]);
  });
});
