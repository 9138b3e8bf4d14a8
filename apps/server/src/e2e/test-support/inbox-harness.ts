import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signMetaPayload } from '@switchboard/whatsapp/signature';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { MetaChannelConfig } from '../../config/config-schema.js';
import { loadConfig } from '../../config/load-config.js';
import { createServer, type Server } from '../../main.js';

export const chromiumPath = '/usr/bin/chromium';
const screenshotDir = fileURLToPath(new URL('../../../../../test-results/screenshots/', import.meta.url));

export interface InboxHarness {
  server: Server;
  base: string;
  apiKey: string;
  browser: Browser;
  /** A page that records uncaught errors and CSP violations into `problems`. */
  newPage(options?: {
    width?: number;
    height?: number;
    bypassCSP?: boolean;
  }): Promise<{ page: Page; problems: string[] }>;
  /** The emulator's control API (simulated customers). */
  control(method: string, path: string, body?: unknown): Promise<any>;
  /** A webhook signed as the demo channel's WhatsApp would sign it, to `/webhooks/meta`. */
  webhook(payload: unknown): Promise<number>;
  /** Switchboard's API with the API key. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, offline (nothing beyond loopback). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`The browser tests need Debian Chromium at ${chromiumPath} (apt-get install chromium).`);
  }
  return chromium.launch({
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
}

/** A demo-mode server (the emulator as WhatsApp, the built inbox at `/`) and a Chromium. */
export async function startInboxHarness(
  env: Record<string, string> = {},
  serverOptions: Parameters<typeof createServer>[1] = {},
): Promise<InboxHarness> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `The inbox browser tests need Debian Chromium at ${chromiumPath} (apt-get install chromium).`,
    );
  }
  const config = loadConfig({
    SWITCHBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'switchboard-inbox-')),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const server = await createServer(config, { logger: false, demoHistory: true, ...serverOptions });
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await server.afterListen(port);
  await server.demoHistory();
  const base = `http://127.0.0.1:${port}`;
  const browser = await launchChromium();
  const json = async (response: Response) => {
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  };
  return {
    server,
    base,
    apiKey: config.apiKey,
    browser,
    async newPage(options = {}) {
      const page = await browser.newPage({
        viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
        // Only to inject a checker (axe) that the page's own CSP would rightly refuse.
        bypassCSP: options.bypassCSP ?? false,
      });
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      return { page, problems };
    },
    async control(method, path, body) {
      const response = await fetch(`${base}/emulator/_control${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok)
        throw new Error(`control ${method} ${path}: ${response.status} ${await response.text()}`);
      return json(response);
    },
    async webhook(payload) {
      const raw = JSON.stringify(payload);
      const response = await fetch(`${base}/webhooks/meta`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signMetaPayload(raw, (config.channels[0] as MetaChannelConfig).appSecret),
        },
        body: raw,
      });
      return response.status;
    },
    async api(method, path, body) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${config.apiKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: await json(response) };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Saves a screenshot under test-results/screenshots (an artifact a person looks at). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}
