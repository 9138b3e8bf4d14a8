/**
 * The SDK's resume (docs/benchmarks.md): a client that was away while 10,000 events were committed
 * reconnects with its cursor; measured is the time until every missed event has been applied to
 * its local store (a live conversation list and the conversations' store), and the heap that
 * costs, against the raw replay of the same stream (a bare `ws` socket that only parses frames)
 * in the same run, on the same server. One JSON object on stdout.
 *
 *   npm run bench:sdk-resume -- --missed 10000 --runs 5
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createClient } from '@switchboard/client';
import WebSocket from 'ws';
import { numberArg } from '../common/number-arg.js';
import { appendEvents, readHead, timeReplay } from '../realtime/replay.js';
import { startTarget } from '../realtime/targets.js';

const { values: args } = parseArgs({
  options: { missed: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } },
});
const missed = numberArg('missed', args.missed, 1, 1_000_000);
const runs = numberArg('runs', args.runs, 1, 100);
const appSecret = randomBytes(24).toString('hex');
const log = (line: string) => console.error(`[bench:sdk-resume] ${line}`);
const round = (n: number) => Math.round(n * 10) / 10;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** One resume: a fresh client with the cursor `head - missed`; resolves when its cursor is `head`. */
async function resumeOnce(baseUrl: string, token: string, head: number) {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const client = createClient({
    url: baseUrl,
    token,
    transports: ['websocket'],
    WebSocket: WebSocket as never,
    after: head - missed,
  });
  let applied = 0;
  const done = new Promise<void>((resolve) => {
    client.onEvent((event) => {
      applied++;
      if (event.seq >= head) resolve();
    });
  });
  // A live view over the store, as the inbox's conversation list would have.
  const list = client.conversations();
  const stop = list.subscribe(() => {});
  await done;
  const elapsedMs = performance.now() - started;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  stop();
  client.close();
  return { elapsedMs, applied, heapMB: (heapAfter - heapBefore) / 1024 / 1024 };
}

async function main() {
  const target = await startTarget('switchboard', appSecret);
  try {
    const baseUrl = `http://127.0.0.1:${target.port}`;
    const headers = { authorization: target.headers!.authorization!, 'content-type': 'application/json' };
    const minted = (await (
      await fetch(`${baseUrl}/v1/tokens`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ sub: 'bench', all: true, ttlSeconds: 3600 }),
      })
    ).json()) as { token: string };
    log(`appending ${missed} events`);
    await appendEvents(target, appSecret, missed + 10);
    const head = await readHead(target);
    const raw: number[] = [];
    const sdk: Awaited<ReturnType<typeof resumeOnce>>[] = [];
    for (let i = 0; i < runs; i++) {
      raw.push(await timeReplay(target, head, missed));
      sdk.push(await resumeOnce(baseUrl, minted.token, head));
      log(`run ${i + 1}: raw ${round(raw.at(-1)!)} ms, sdk ${round(sdk.at(-1)!.elapsedMs)} ms`);
    }
    const rawMs = median(raw);
    const sdkMs = median(sdk.map((r) => r.elapsedMs));
    console.log(
      JSON.stringify(
        {
          missed,
          runs,
          rawReplay: { medianMs: round(rawMs), runsMs: raw.map(round) },
          sdkResume: {
            medianMs: round(sdkMs),
            runsMs: sdk.map((r) => round(r.elapsedMs)),
            eventsApplied: sdk.map((r) => r.applied),
            heapGrowthMB: 'gc' in globalThis ? sdk.map((r) => round(r.heapMB)) : null,
          },
          ratio: { sdkOverRaw: Math.round((sdkMs / rawMs) * 100) / 100 },
          target: { replayMs: 500 },
          met: { sdkResumeMs: sdkMs <= 500 },
        },
        null,
        2,
      ),
    );
  } finally {
    await target.stop();
  }
}

await main();
