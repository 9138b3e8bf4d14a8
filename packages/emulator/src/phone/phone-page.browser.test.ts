import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../emulator.js';

const CHROMIUM = '/usr/bin/chromium';
const STORE = '100000000000001';
const SUPPORT = '100000000000002';
const TOKEN = 'phone-page-test-token';
const CUSTOMER = { waId: '447700900123', name: 'Zoë <b>Tester</b>' };
// A 1×1 PNG, enough for the emulator to store and the browser to decode.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let browser: Browser;
let app: FastifyInstance;
let emulator: Emulator;
let origin: string;
let page: Page;
const problems: string[] = [];

/** The thread as the control API reports it: what the page's actions actually recorded. */
async function thread(waId = CUSTOMER.waId): Promise<{ items: Record<string, any>[] }> {
  const res = await fetch(`${origin}/_control/customers/${waId}/thread?phoneNumberId=${STORE}`);
  return (await res.json()) as { items: Record<string, any>[] };
}

/** The business sends through the emulator's Graph API, as an app would. */
async function businessSends(message: Record<string, unknown>, waId = CUSTOMER.waId): Promise<string> {
  const res = await fetch(`${origin}/v23.0/${STORE}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: waId,
      ...message,
    }),
  });
  const body = (await res.json()) as { messages?: { id: string }[] };
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.messages![0]!.id;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The phone page browser test needs Debian Chromium at ${CHROMIUM} (apt-get install chromium); it is not installed.`,
    );
  }
  emulator = createEmulator({
    appSecret: 'phone-page-test',
    accessTokens: [{ token: TOKEN }],
    templates: [
      {
        name: 'delivery_update',
        language: 'en_US',
        category: 'UTILITY',
        components: [
          { type: 'BODY', text: 'Hi {{1}}, your parcel is on its way.' },
          { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Track it' }] },
        ],
      },
    ],
    businessNumbers: [
      { phoneNumberId: STORE, displayPhoneNumber: '15550001111', verifiedName: 'Acme Store' },
      { phoneNumberId: SUPPORT, displayPhoneNumber: '15550002222', verifiedName: 'Acme Support' },
    ],
    // The customer reads only when the test taps "Read all".
    autoRead: false,
    statusDelaysMs: { sent: 10, delivered: 30 },
  });
  app = Fastify();
  // At the root, as the standalone emulator serves it: Graph routes, `/_control` and `/phone`.
  await app.register(emulator.plugin);
  origin = await app.listen({ host: '127.0.0.1', port: 0 });
  await emulator.start();

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  page = await browser.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(`${origin}/phone`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
  await app?.close();
});

describe('phone page in Chromium', () => {
  it('adds a customer from the form and opens their phone', async () => {
    await page.fill('input[name=waId]', `+44 7700 900123`);
    await page.fill('input[name=name]', CUSTOMER.name);
    await page.click('.add-customer button[type=submit]');
    const entry = page.locator(`.customer[data-wa-id="${CUSTOMER.waId}"]`);
    await expect.poll(() => entry.getAttribute('aria-current')).toBe('true');
    // The name is shown as typed, not parsed as markup.
    expect(await entry.locator('.customer-name').textContent()).toBe(CUSTOMER.name);
    expect(await entry.locator('b').count()).toBe(0);
    expect(await page.locator('#status-owner').textContent()).toContain(`+${CUSTOMER.waId}`);
  });

  it('sends what the customer types and shows it on the right', async () => {
    await page.fill('#text', 'hello');
    await page.press('#text', 'Enter');
    const mine = page.locator('.row.in .bubble', { hasText: 'hello' });
    await mine.waitFor();
    expect(await page.inputValue('#text')).toBe('');
    const sent = (await thread()).items.find((i) => i.direction === 'in');
    expect(sent?.message).toMatchObject({ type: 'text', text: { body: 'hello' } });
    expect(await page.locator('#window-state').getAttribute('data-state')).toBe('open');
  });

  it('shows a business message live, as text, with its ticks', async () => {
    const hostile = 'Hi <img src=x onerror=alert(1)> there';
    const id = await businessSends({ type: 'text', text: { body: hostile } });
    const bubble = page.locator(`.row.out .bubble[data-id="${id}"]`);
    await bubble.waitFor();
    expect(await bubble.locator('.text').textContent()).toBe(hostile);
    expect(await page.locator('#thread img').count()).toBe(0);
    // The ticks follow the emulator's status progression without a reload.
    await expect.poll(() => bubble.locator('.ticks').getAttribute('data-status')).toBe('delivered');
    expect(await bubble.locator('.ticks.blue').count()).toBe(0);
  });

  it('shows when the business reads the customer and is typing', async () => {
    const hello = (await thread()).items.find((i) => i.message?.text?.body === 'hello')!;
    const mine = page.locator(`.row.in .bubble[data-id="${hello.id}"] .ticks`);
    expect(await mine.getAttribute('data-status')).toBe('delivered');
    expect(
      emulator.gate.markRead({ phoneNumberId: STORE, messageId: hello.id, typing: true }),
    ).toBeUndefined();
    await expect.poll(() => mine.getAttribute('data-status')).toBe('read');
    expect(await mine.getAttribute('class')).toContain('blue');
    await page.locator('.typing-bubble').waitFor();
    expect(await page.locator('#biz-sub').textContent()).toBe('typing…');
    // The indicator ends with the business's next message.
    await businessSends({ type: 'text', text: { body: 'Here I am' } });
    await page.locator('.typing-bubble').waitFor({ state: 'detached' });
  });

  it('turns a tap on a reply button into a button_reply quoting the message', async () => {
    const id = await businessSends({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Did your order arrive?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'arrived-yes', title: 'Yes' } },
            { type: 'reply', reply: { id: 'arrived-no', title: 'No' } },
          ],
        },
      },
    });
    await page.locator(`.row.out[data-id="${id}"] .reply-button`, { hasText: 'Yes' }).click();
    await expect
      .poll(async () => (await thread()).items.find((i) => i.message?.interactive?.type === 'button_reply'))
      .toMatchObject({
        direction: 'in',
        replyTo: id,
        message: { interactive: { button_reply: { id: 'arrived-yes', title: 'Yes' } } },
      });
    await page.locator('.row.in .bubble', { hasText: 'Yes' }).locator('.quote').waitFor();
  });

  it('picks a list row, replies with a quote, reacts and reads everything', async () => {
    const id = await businessSends({
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Pick a slot' },
        action: {
          button: 'Slots',
          sections: [{ title: 'Tomorrow', rows: [{ id: 'am', title: 'Morning' }] }],
        },
      },
    });
    const row = page.locator(`.row.out[data-id="${id}"]`);
    await row.locator('.list-button').click();
    await page.locator('.list-row', { hasText: 'Morning' }).click();
    await expect
      .poll(async () => (await thread()).items.find((i) => i.message?.interactive?.type === 'list_reply'))
      .toMatchObject({
        replyTo: id,
        message: { interactive: { list_reply: { id: 'am', title: 'Morning' } } },
      });

    await row.locator('.bubble .more').click();
    await row.locator('.reply-action').click();
    expect(await page.locator('#reply-preview').textContent()).not.toBe('');
    await page.fill('#text', 'about that');
    await page.press('#text', 'Enter');
    await expect
      .poll(async () => (await thread()).items.find((i) => i.message?.text?.body === 'about that')?.replyTo)
      .toBe(id);
    await page.locator('#reply-bar').waitFor({ state: 'hidden' });

    await row.locator('.bubble .more').click();
    await row.locator('.action.react', { hasText: '👍' }).click();
    await row.locator('.reaction', { hasText: '👍' }).waitFor();

    await page.click('#read-all');
    await expect.poll(() => page.locator('.row.out .ticks:not(.blue)').count(), { timeout: 10_000 }).toBe(0);
  });

  it('attaches a picture with a caption and shares a location', async () => {
    await page.fill('#text', 'my receipt');
    await page.setInputFiles('#file', { name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
    await expect
      .poll(async () => (await thread()).items.find((i) => i.type === 'image')?.message?.image?.caption)
      .toBe('my receipt');
    // The customer sees the picture they picked, from a blob: URL the CSP allows.
    await page.locator('.row.in img.thumb').waitFor();
    expect(await page.locator('.row.in img.thumb').getAttribute('src')).toMatch(/^blob:/);

    await page.click('#share-location');
    await expect
      .poll(async () => (await thread()).items.find((i) => i.type === 'location')?.message?.location?.name)
      .toBe('Praça do Comércio');
    await page.locator('.row.in .location').waitFor();
  });

  it('answers a template quick-reply button with a button message', async () => {
    const id = await businessSends({
      type: 'template',
      template: {
        name: 'delivery_update',
        language: { code: 'en_US' },
        components: [
          { type: 'body', parameters: [{ type: 'text', text: 'Zoë' }] },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'TRACK' }],
          },
        ],
      },
    });
    const row = page.locator(`.row.out[data-id="${id}"]`);
    expect(await row.locator('.template-tag').textContent()).toContain('delivery_update');
    await row.locator('.quick-reply').click();
    await expect
      .poll(async () => (await thread()).items.find((i) => i.type === 'button'))
      .toMatchObject({ replyTo: id, message: { button: { payload: 'TRACK', text: 'TRACK' } } });
  });

  it("edits and deletes the customer's own message", async () => {
    await page.fill('#text', 'see you tomorow');
    await page.press('#text', 'Enter');
    const row = page.locator('.row.in', { hasText: 'see you tomorow' });
    await row.locator('.bubble .more').click();
    await row.locator('.edit-action').click();
    expect(await page.inputValue('#text')).toBe('see you tomorow');
    expect(await page.locator('#reply-bar').getAttribute('data-mode')).toBe('edit');
    await page.fill('#text', 'see you tomorrow');
    await page.press('#text', 'Enter');
    const edited = page.locator('.row.in', { hasText: 'see you tomorrow' });
    await edited.locator('.edited').waitFor();
    const item = (await thread()).items.find((i) => i.preview === 'see you tomorrow');
    expect(item).toMatchObject({ direction: 'in', edited: true });

    await edited.locator('.bubble .more').click();
    await edited.locator('.delete-action').click();
    await page.locator(`.row.in[data-id="${item!.id}"] .revoked`).waitFor();
    expect((await thread()).items.find((i) => i.id === item!.id)?.revoked).toBe(true);
  });

  it('shows a failed business message with its error title', async () => {
    const res = await fetch(`${origin}/_control/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ waId: '447700900999', name: 'Gone', undeliverable: true }),
    });
    expect(res.status).toBe(201);
    // The customers event puts the new number in the list without a reload.
    const entry = page.locator('.customer[data-wa-id="447700900999"]');
    await entry.click();
    expect(await entry.locator('.badge').textContent()).toBe('unreachable');
    const id = await businessSends({ type: 'text', text: { body: 'Are you there?' } }, '447700900999');
    const row = page.locator(`.row.out[data-id="${id}"]`);
    await expect.poll(() => row.locator('.ticks').getAttribute('data-status')).toBe('failed');
    const failed = (await thread('447700900999')).items.find((i) => i.id === id)!;
    expect(await row.locator('.failure').textContent()).toContain(failed.error.title);
    expect(await row.locator('.failure').textContent()).toContain(String(failed.error.code));
  });

  it('switches between business numbers', async () => {
    await page.locator(`.customer[data-wa-id="${CUSTOMER.waId}"]`).click();
    await page.locator('.row.in').first().waitFor();
    await page.selectOption('#biz-picker', SUPPORT);
    await page.locator('.thread-empty', { hasText: 'No messages yet' }).waitFor();
    expect(await page.locator('#biz-name').textContent()).toBe('Acme Support');
    await page.fill('#text', 'hi support');
    await page.press('#text', 'Enter');
    await page.locator('.row.in', { hasText: 'hi support' }).waitFor();
    const res = await fetch(`${origin}/_control/customers/${CUSTOMER.waId}/thread?phoneNumberId=${SUPPORT}`);
    const support = (await res.json()) as { items: { preview: string }[] };
    expect(support.items.map((i) => i.preview)).toEqual(['hi support']);

    await page.selectOption('#biz-picker', STORE);
    await page.locator('.row.in', { hasText: 'hello' }).first().waitFor();
    expect(await page.locator('.row', { hasText: 'hi support' }).count()).toBe(0);
  });

  it('reconnects the live stream after the emulator refused it', async () => {
    const second = await browser.newPage();
    let refused = 0;
    // The first attempt gets a 503, which makes EventSource give up for good: the page must retry.
    await second.route('**/_control/stream', async (route) => {
      if (refused++ === 0) await route.fulfill({ status: 503, body: 'starting' });
      else await route.continue();
    });
    await second.goto(`${origin}/phone#customer=${CUSTOMER.waId}&number=${STORE}`);
    await expect.poll(() => second.locator('#connection').getAttribute('data-state')).toBe('live');
    expect(refused).toBeGreaterThanOrEqual(2);
    const id = await businessSends({ type: 'text', text: { body: 'still there?' } });
    await second.locator(`.row.out[data-id="${id}"]`).waitFor();
    await second.close();
  });

  it("finds the control API when the emulator is mounted under a prefix (the server's demo mode)", async () => {
    const hosted = createEmulator({
      appSecret: 'phone-page-test',
      customers: [{ waId: '351912000111', name: 'Rui' }],
    });
    const host = Fastify();
    await host.register(hosted.plugin, { prefix: '/emulator' });
    const hostOrigin = await host.listen({ host: '127.0.0.1', port: 0 });
    const other = await browser.newPage();
    try {
      await other.goto(`${hostOrigin}/emulator/phone`);
      await other.locator('.customer[data-wa-id="351912000111"][aria-current="true"]').waitFor();
      await other.fill('#text', 'olá');
      await other.press('#text', 'Enter');
      await other.locator('.row.in', { hasText: 'olá' }).waitFor();
      expect(hosted.thread('351912000111').items.map((i) => i.preview)).toEqual(['olá']);
    } finally {
      await other.close();
      await hosted.close();
      await host.close();
    }
  });

  it('ran without script errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
