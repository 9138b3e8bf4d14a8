import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { createServer, type Server } from '../main.js';
import { launchChromium } from '../e2e/test-support/inbox-harness.js';

/** `npm start`'s first-run promise: a message typed on /phone appears in Switchboard's API. */
describe('demo mode in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let base: string;
  let apiKey: string;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-demo-browser-'));
    const config = loadConfig({
      SWITCHBOARD_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
    });
    apiKey = config.apiKey;
    server = await createServer(config, { logger: false });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const address = server.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await server.afterListen(port);
    base = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('delivers what a customer types on /phone to the API, as a signed webhook would', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${base}/phone`);
    // A demo customer is listed from the start.
    await page.locator('.customer[data-wa-id="4915123456789"]').click();
    await page.fill('#text', 'Is my loan approved? <script>');
    await page.press('#text', 'Enter');
    await page.locator('.row.in .bubble', { hasText: 'Is my loan approved?' }).waitFor();

    const headers = { authorization: `Bearer ${apiKey}` };
    await expect
      .poll(
        async () => {
          const list = await (await fetch(`${base}/v1/conversations`, { headers })).json();
          const conversation = list.data[0];
          if (!conversation) return undefined;
          const messages = await (
            await fetch(`${base}/v1/conversations/${conversation.id}/messages`, { headers })
          ).json();
          return messages.data[0]?.content?.body;
        },
        { timeout: 10_000 },
      )
      .toBe('Is my loan approved? <script>');
    expect(problems).toEqual([]);
    await page.close();
  });
});
