/**
 * The provider benchmark (docs/benchmarks.md): the ingest and send paths of each provider adapter
 * (360dialog, Twilio, a custom provider with JSONata expressions) against the Meta path, in one run
 * on one machine. One JSON object on stdout, progress on stderr.
 *
 *   npm run bench:providers -- --webhooks 4000 --sends 1500 --concurrency 16
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compiledWorkedExample } from '../../apps/server/src/providers/custom/test-support/worked-example.js';
import { customWebhooks } from '../../apps/server/src/providers/custom/custom-webhooks.js';
import { metaWebhooks } from '../../apps/server/src/providers/meta/meta-webhooks.js';
import { twilioWebhooks } from '../../apps/server/src/providers/twilio/twilio-webhooks.js';
import type { ProviderWebhooks } from '../../apps/server/src/providers/provider-webhooks.js';
import { exited, freePort, spawnServer } from '../../apps/server/src/test-support/spawn-server.js';
import {
  providerWebhookSamples,
  type PostedWebhook,
  type ProviderWebhookSample,
} from '../../apps/server/src/test-support/provider-webhook-samples.js';
import { numberArg } from '../common/number-arg.js';
import { startRig } from './provider-rigs.js';

const { values: args } = parseArgs({
  options: {
    webhooks: { type: 'string', default: '4000' },
    sends: { type: 'string', default: '1500' },
    customers: { type: 'string', default: '40' },
    concurrency: { type: 'string', default: '16' },
    normalize: { type: 'string', default: '5000' },
  },
});
const webhooks = Math.round(numberArg('webhooks', args.webhooks, 100, 200_000));
const sends = Math.round(numberArg('sends', args.sends, 10, 100_000));
const customerCount = Math.round(numberArg('customers', args.customers, 1, 90));
// WhatsApp lets a business send a customer a burst of 45, then one every 6 s; stay inside the burst.
if (sends > customerCount * 38) {
  throw new Error(`--sends must be at most 38 per customer (${customerCount * 38})`);
}
const concurrency = Math.round(numberArg('concurrency', args.concurrency, 1, 512));
const normalizeRounds = Math.round(numberArg('normalize', args.normalize, 100, 1_000_000));
const apiKey = 'bench-providers-api-key-0123';
const log = (line: string): void => console.error(`[bench:providers] ${line}`);

/** CPU time (user + system) a process has used, in ms, from /proc (Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function runAll<T>(count: number, work: (i: number) => Promise<T>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function serverEnv(port: number, env: Record<string, string>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-providers-'));
  return {
    SWITCHBOARD_DATA_DIR: dir,
    DATABASE_URL: `sqlite:${join(dir, 'switchboard.db')}`,
    SWITCHBOARD_API_KEY: apiKey,
    SWITCHBOARD_TOKEN_SECRET: 'bench-providers-token-secret-0123456789',
    PORT: String(port),
    SWITCHBOARD_PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'error',
    ...env,
  };
}

const api = async (base: string, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as any };
};

/** Signed customer webhooks posted as fast as `concurrency` connections go; then until processed. */
async function ingest(sample: ProviderWebhookSample) {
  const port = await freePort();
  const server = await spawnServer(serverEnv(port, sample.env));
  const processedAll = async () =>
    (await api(server.url, 'GET', '/v1/provider-webhooks?status=pending&limit=1')).json.counts.pending === 0;
  try {
    // A warm-up first (not counted), so that no adapter pays for the JIT of a fresh process.
    const warmup = Math.min(500, Math.round(webhooks / 5));
    const posts = Array.from({ length: warmup + webhooks }, (_, i) => sample.post(i, server.url));
    const post = async (w: PostedWebhook) => {
      const response = await fetch(`${server.url}${w.path}`, {
        method: 'POST',
        headers: w.headers,
        body: w.body,
      });
      await response.arrayBuffer();
      return response.status;
    };
    await runAll(warmup, (i) => post(posts[i]!));
    await until(processedAll, 60_000, 'processing the warm-up');
    const cpu0 = cpuMs(server.child.pid!);
    const t0 = performance.now();
    let refused = 0;
    await runAll(webhooks, async (i) => {
      if ((await post(posts[warmup + i]!)) !== 200) refused++;
    });
    const acked = performance.now() - t0;
    await until(processedAll, 120_000, 'processing the webhooks');
    const processed = performance.now() - t0;
    const cpu = cpuMs(server.child.pid!) - cpu0;
    if (refused > 0) throw new Error(`${sample.name}: ${refused} webhooks were not answered 200`);
    return {
      acknowledgedPerSecond: Math.round((webhooks / acked) * 1000),
      processedPerSecond: Math.round((webhooks / processed) * 1000),
      serverCpuMsPerWebhook: round(cpu / webhooks, 3),
    };
  } finally {
    // SIGKILL: a graceful stop would wait out the client's kept-alive connections (72 s).
    server.child.kill('SIGKILL');
    await exited(server.child);
  }
}

/** Sends through the API to the provider (its emulator or fake), timed until the provider has them all. */
async function send(name: string) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const customers = Array.from({ length: customerCount }, (_, i) => `4917100${String(i).padStart(5, '0')}`);
  const rig = await startRig(name, base, customers);
  const server = await spawnServer(serverEnv(port, rig.env));
  try {
    await rig.started();
    for (const waId of customers) await rig.customerWrites(waId, 'Hallo, ist mein Antrag da?');
    let conversations: string[] = [];
    await until(
      async () => {
        conversations = (await api(base, 'GET', '/v1/conversations?limit=100')).json.data.map(
          (c: { id: string }) => c.id,
        );
        return conversations.length === customerCount;
      },
      30_000,
      'the customers’ conversations',
    );
    const sendOne = async (i: number) => {
      const r = await api(
        base,
        'POST',
        `/v1/conversations/${conversations[i % conversations.length]}/messages`,
        {
          type: 'text',
          text: { body: `Antwort ${i}: Ihre Unterlagen sind vollständig.` },
        },
      );
      if (r.status !== 202)
        throw new Error(`${name}: a send was answered ${r.status}: ${JSON.stringify(r.json)}`);
    };
    // A warm-up of two sends per customer (not counted), inside their burst allowance.
    await runAll(customerCount * 2, sendOne);
    await until(() => rig.received() >= customerCount * 2, 60_000, `${name} receiving the warm-up`);
    const before = rig.received();
    const cpu0 = cpuMs(server.child.pid!);
    const t0 = performance.now();
    await runAll(sends, sendOne);
    const queued = performance.now() - t0;
    await until(() => rig.received() - before >= sends, 120_000, `${name} receiving every send`);
    const delivered = performance.now() - t0;
    const cpu = cpuMs(server.child.pid!) - cpu0;
    return {
      queuedPerSecond: Math.round((sends / queued) * 1000),
      atProviderPerSecond: Math.round((sends / delivered) * 1000),
      // Includes the status webhooks each provider sends back meanwhile (three per message at most).
      serverCpuMsPerSend: round(cpu / sends, 3),
    };
  } finally {
    // SIGKILL: a graceful stop would wait out the client's kept-alive connections (72 s).
    server.child.kill('SIGKILL');
    await exited(server.child);
    await rig.close();
  }
}

/** The adapters' own cost: normalizing the same stored webhook, in this process. */
async function normalizeCost(samples: ProviderWebhookSample[]) {
  // Normalizing verifies nothing: the example's stand-in secrets do.
  const custom = compiledWorkedExample();
  const adapters: Record<string, ProviderWebhooks> = {
    Meta: metaWebhooks,
    '360dialog': metaWebhooks,
    Twilio: twilioWebhooks,
    custom: customWebhooks(custom),
  };
  const out: Record<string, { microsecondsPerWebhook: number }> = {};
  for (const sample of samples) {
    const bodies = Array.from({ length: 200 }, (_, i) => sample.post(i, 'http://127.0.0.1:1').body);
    const adapter = adapters[sample.name]!;
    for (let i = 0; i < 500; i++) await adapter.normalize(bodies[i % bodies.length]!, Date.now());
    const t0 = performance.now();
    for (let i = 0; i < normalizeRounds; i++) await adapter.normalize(bodies[i % bodies.length]!, Date.now());
    out[sample.name] = {
      microsecondsPerWebhook: round(((performance.now() - t0) * 1000) / normalizeRounds, 2),
    };
  }
  return out;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Each figure of `results` beside Meta's, as `<figure>VsMeta` (1.0 = as fast or as costly as Meta). */
function withRatios<T extends Record<string, number>>(
  results: Record<string, T>,
): Record<string, T & Record<string, number>> {
  const meta = results.Meta!;
  return Object.fromEntries(
    Object.entries(results).map(([name, figures]) => [
      name,
      {
        ...figures,
        ...Object.fromEntries(
          Object.entries(figures).map(([key, value]) => [`${key}VsMeta`, round(value / meta[key]!, 2)]),
        ),
      },
    ]),
  );
}

async function main(): Promise<void> {
  const samples = providerWebhookSamples();
  log(`normalizing ${normalizeRounds} webhooks per adapter`);
  const normalize = await normalizeCost(samples);
  const ingestResults: Record<string, Awaited<ReturnType<typeof ingest>>> = {};
  const sendResults: Record<string, Awaited<ReturnType<typeof send>>> = {};
  for (const sample of samples) {
    log(`${sample.name}: ingesting ${webhooks} webhooks over ${concurrency} connections`);
    ingestResults[sample.name] = await ingest(sample);
    log(`${sample.name}: ${JSON.stringify(ingestResults[sample.name])}`);
    log(`${sample.name}: sending ${sends} messages to ${customerCount} customers`);
    sendResults[sample.name] = await send(sample.name);
    log(`${sample.name}: ${JSON.stringify(sendResults[sample.name])}`);
  }
  const result = {
    benchmark: 'providers',
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
    settings: { webhooks, sends, customers: customerCount, concurrency, normalizeRounds },
    baseline: 'Meta: the same figures for the Meta adapter, measured in this run',
    normalize: withRatios(normalize),
    ingest: withRatios(ingestResults),
    send: withRatios(sendResults),
  };
  console.log(JSON.stringify(result, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
