import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_ACCESS_TOKEN } from '../emulator.js';
import { APP_SECRET, CUSTOMER } from '../webhooks/test-support/test-emulator.js';
import { startEmulatorServer, type EmulatorServer } from './start-emulator-server.js';

let server: EmulatorServer;
beforeEach(async () => {
  server = await startEmulatorServer({ port: 0, appSecret: APP_SECRET, customers: [CUSTOMER] });
});
afterEach(async () => {
  await server.close();
});

it('customer media can be fetched by the business through GET /{media-id} and its download URL', async () => {
  const bytes = Buffer.from('%PDF-1.4 invoice');
  const { id } = server.emulator.customerSends(CUSTOMER.waId, {
    type: 'document',
    document: { caption: 'Invoice' },
    file: { base64: bytes.toString('base64'), mimeType: 'application/pdf', filename: 'invoice.pdf' },
  });
  const message = server.emulator.thread(CUSTOMER.waId).items.find((i) => i.id === id)!.message as any;
  expect(message.document.filename).toBe('invoice.pdf');
  const auth = { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}` };
  const info = (await (
    await fetch(`${server.url}/v23.0/${message.document.id}`, { headers: auth })
  ).json()) as any;
  expect(info).toMatchObject({
    messaging_product: 'whatsapp',
    mime_type: 'application/pdf',
    id: message.document.id,
  });
  expect(info.url.startsWith(server.url)).toBe(true);
  const download = await fetch(info.url, { headers: auth });
  expect(download.status).toBe(200);
  expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
});
