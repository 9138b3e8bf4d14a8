/**
 * The inbox in Chromium (docs/benchmarks.md): the initial JavaScript of `/` (gzip), the size of
 * `<CaseConversation>` without React, opening a 5,000-message thread (time to the newest message in
 * view, message nodes kept) beside a 20-message thread, and webhook-to-screen latency beside
 * webhook-to-SDK-event latency, all in one run. One JSON object on stdout, progress on stderr;
 * exit code 1 when a target of product.md §7 is missed.
 *
 *   npm run bench:inbox [-- --samples 30 --opens 5]
 */
import { createClient } from '@switchboard/client';
import type { SwitchboardEvent } from '@switchboard/protocol';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import WebSocket from 'ws';
import { demoPhoneNumberId } from '../../apps/server/src/config/load-config.js';
import {
  startInboxHarness,
  type InboxHarness,
} from '../../apps/server/src/e2e/test-support/inbox-harness.js';
import { metaTextsWebhook } from '../../apps/server/src/test-support/meta-text-webhook.js';
import { bundleSize, kib } from '../common/bundle-size.js';
import { numberArg } from '../common/number-arg.js';
import { openThread, screenLatency, seedThread } from './thread-timing.js';

const { values } = parseArgs({
  options: { samples: { type: 'string', default: '30' }, opens: { type: 'string', default: '5' } },
});
const samples = numberArg('samples', values.samples, 5, 500);
const opens = numberArg('opens', values.opens, 1, 50);
const progress = (line: string) => process.stderr.write(`${line}\n`);

const targets = {
  inboxInitialJsGzipKB: 150,
  caseConversationGzipKB: 40,
  threadMessageNodes: 150,
  webhookToScreenMs: 1000,
};
const kB = (bytes: number) => Math.round(bytes / 10) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const summary = (xs: number[]) => ({
  p50: Math.round(median(xs)),
  p95: Math.round(percentile(xs, 0.95)),
  max: Math.round(Math.max(...xs)),
});

/** Every script the inbox's first page loads (entry, preloads, chunks), as Chromium received it. */
async function initialJavaScript(h: InboxHarness) {
  const { page } = await h.newPage();
  const scripts = new Map<string, Buffer>();
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    void response.body().then((body) => scripts.set(response.url(), body));
  });
  await page.goto(`${h.base}/`, { waitUntil: 'networkidle' });
  await page.getByRole('listbox', { name: 'Conversations' }).or(page.getByText('No conversations')).waitFor();
  await page.close();
  const bodies = [...scripts.values()];
  const raw = bodies.reduce((n, b) => n + b.length, 0);
  const gzip = bodies.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
  return { files: bodies.length, rawKB: kB(raw), gzipKB: kB(gzip) };
}

/** `<CaseConversation>` with the client, hooks and components, React left out; its CSS beside. */
async function caseConversationSize() {
  const react = ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client'];
  const [component, reactItself] = await Promise.all([
    bundleSize(`export { CaseConversation } from '@switchboard/ui';`, react),
    bundleSize(
      `export * from 'react'; export * from 'react-dom'; export { createRoot } from 'react-dom/client';`,
    ),
  ]);
  const css = readFileSync(createRequire(import.meta.url).resolve('@switchboard/ui/styles.css'));
  const cssGzip = kib(gzipSync(css, { level: 9 }).length);
  return {
    unit: 'KiB (esbuild --minify, gzip -9)',
    component,
    stylesCssGzip: cssGzip,
    componentAndCssGzipKB: kB((component.gzip + cssGzip) * 1024),
    reactAndReactDomBaseline: reactItself,
  };
}

/** Webhook → SDK event in Node (the stream's own latency) and webhook → bubble on the inbox screen. */
async function latencies(h: InboxHarness) {
  const customer = { waId: '4915700009999', name: 'Latency Probe', phoneNumberId: demoPhoneNumberId };
  const webhook = (body: string) =>
    h.webhook(metaTextsWebhook(customer, [{ body, wamid: `wamid.PROBE${body}` }]));
  await webhook('warm-up');
  const conversation = await waitForConversation(h, customer.waId);
  const minted = await h.api('POST', '/v1/tokens', { sub: 'bench-agent', all: true, ttlSeconds: 3600 });
  if (minted.status !== 200) throw new Error(`minting a token answered ${minted.status}`);
  const client = createClient({ url: h.base, WebSocket: WebSocket as never, token: minted.json.token });
  const seen = new Map<string, number>();
  client.onEvent((event: SwitchboardEvent) => {
    if (event.type !== 'message.created' || event.data.type !== 'text') return;
    seen.set(event.data.content.body, Date.now());
  });
  const { page } = await h.newPage();
  await page.goto(`${h.base}/conversations/${conversation}`);
  await page.locator('.sb-bubble', { hasText: 'warm-up' }).waitFor();
  const stream: number[] = [];
  const screen: number[] = [];
  for (let i = 0; i < samples; i++) {
    const body = `probe-${i}-${Date.now()}`;
    const { sentAt, shownAt } = await screenLatency(page, body, () => webhook(body));
    for (let wait = 0; !seen.has(body) && wait < 500; wait++) await new Promise((r) => setTimeout(r, 10));
    const event = seen.get(body);
    if (event === undefined) throw new Error(`the SDK in Node never saw "${body}"`);
    stream.push(event - sentAt);
    screen.push(shownAt - sentAt);
  }
  client.close();
  await page.close();
  return { samples, webhookToSdkEventMs: summary(stream), webhookToScreenMs: summary(screen) };
}

async function waitForConversation(h: InboxHarness, waId: string): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const found = (await h.api('GET', `/v1/conversations?q=${waId}`)).json?.data?.[0];
    if (found) return found.id as string;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no conversation for ${waId}`);
}

progress('starting Switchboard (demo mode, SQLite) and Chromium…');
const h = await startInboxHarness({}, { demoHistory: false });
try {
  progress('measuring the initial JavaScript of / …');
  const initialJs = await initialJavaScript(h);
  progress('bundling <CaseConversation> without React…');
  const component = await caseConversationSize();
  progress('seeding a 20-message and a 5,000-message thread through signed webhooks…');
  const small = await seedThread(h, '4915700000020', 20, waitForConversation);
  const big = await seedThread(h, '4915700005000', 5000, waitForConversation);
  progress(`opening each ${opens} times…`);
  const smallOpen = await openThread(h, small, 20, opens);
  const bigOpen = await openThread(h, big, 5000, opens);
  progress(`measuring webhook-to-screen latency (${samples} messages)…`);
  const latency = await latencies(h);
  const met = {
    inboxInitialJs: initialJs.gzipKB <= targets.inboxInitialJsGzipKB,
    caseConversation: component.componentAndCssGzipKB <= targets.caseConversationGzipKB,
    threadOpensAtNewest: bigOpen.newestInView,
    threadMessageNodes: bigOpen.maxMessageNodes <= targets.threadMessageNodes,
    webhookToScreen: latency.webhookToScreenMs.p95 <= targets.webhookToScreenMs,
  };
  console.log(
    JSON.stringify(
      {
        inboxInitialJs: initialJs,
        caseConversation: component,
        thread: { messages20: smallOpen, messages5000: bigOpen },
        latency,
        targets,
        met,
      },
      null,
      2,
    ),
  );
  if (!Object.values(met).every(Boolean)) process.exitCode = 1;
} finally {
  await h.close();
}
