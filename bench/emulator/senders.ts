import { createEmulator } from '@switchboard/emulator';
import { Agent, request } from 'node:http';
import type { SenderConfig } from './protocol.js';
import { baselineWebhook, customerName, customerWaId, stampedText, monotonicMs } from './stamped-message.js';

/** One side of a run: hands message `sequence` to the delivery machinery, which POSTs it. */
export interface Sender {
  emit(sequence: number): void;
  close(): Promise<void>;
}

/** Failed POST attempts and deliveries given up, over the whole run. */
export interface FailureCounts {
  attempts: number;
  deliveries: number;
}

/**
 * The emulator as load tests use it: simulated customers call `customerSends`, the emulator
 * validates, records the thread, builds, escapes and signs the webhook and delivers it with
 * `webhookConcurrency` (its default HTTP client, after the verification handshake).
 */
export async function emulatorSender(config: SenderConfig, failures: FailureCounts): Promise<Sender> {
  const waIds = Array.from({ length: config.customers }, (_, i) => customerWaId(i));
  const emulator = createEmulator({
    appSecret: config.appSecret,
    verifyToken: config.verifyToken,
    webhookUrl: config.url,
    webhookConcurrency: config.concurrency,
    // Short, so a failure shows as a stall of the run rather than 15 s of silence.
    webhookRetryScheduleMs: [100, 500, 2000],
    customers: waIds.map((waId, i) => ({ waId, name: customerName(i) })),
    phonePage: false,
    // The emulator reports each failed attempt and each delivery it gives up on (README, `onLog`).
    onLog: ({ level, message }) => {
      if (level !== 'warn') return;
      if (/ attempt \d+ failed /.test(message)) failures.attempts += 1;
      else if (/ gave up /.test(message)) {
        failures.attempts += 1;
        failures.deliveries += 1;
      }
    },
  });
  await emulator.start();
  return {
    emit: (sequence) => {
      const waId = waIds[sequence % waIds.length]!;
      emulator.customerSends(waId, { type: 'text', text: { body: stampedText(sequence, monotonicMs()) } });
    },
    close: () => emulator.close(),
  };
}

/**
 * The baseline, a plain signed-POST loop: the same bodies built, escaped and signed when produced,
 * then POSTed in order by `concurrency` workers over node:http with a keep-alive agent, the client
 * the emulator delivers with. What it leaves out is the emulator's own work: validating the input,
 * the thread and window, the delivery log, the queue and its retry bookkeeping.
 */
export function baselineSender(config: SenderConfig, failures: FailureCounts): Sender {
  const agent = new Agent({ keepAlive: true });
  const url = new URL(config.url);
  let queue: ({ body: string; signature: string } | undefined)[] = [];
  let head = 0;
  const idle: (() => void)[] = [];
  let closed = false;

  const post = (webhook: { body: string; signature: string }): Promise<number | Error> =>
    new Promise((resolve) => {
      const payload = Buffer.from(webhook.body, 'utf8');
      const headers = {
        'Content-Type': 'application/json',
        'User-Agent': 'facebookexternalua',
        'X-Hub-Signature-256': webhook.signature,
        'Content-Length': String(payload.length),
      };
      const req = request(url, { method: 'POST', agent, headers }, (res) => {
        res.on('error', resolve);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.resume();
      });
      req.on('error', resolve);
      req.end(payload);
    });

  const worker = async (): Promise<void> => {
    while (!closed) {
      const next = queue[head];
      if (!next) {
        await new Promise<void>((resolve) => idle.push(resolve));
        continue;
      }
      queue[head++] = undefined;
      if (head > 4096 && head * 2 > queue.length) {
        queue = queue.slice(head);
        head = 0;
      }
      if ((await post(next)) !== 200) {
        // The baseline never retries: every failed attempt is a failed delivery.
        failures.attempts += 1;
        failures.deliveries += 1;
      }
    }
  };
  for (let i = 0; i < config.concurrency; i += 1) void worker();

  return {
    emit: (sequence) => {
      const index = sequence % config.customers;
      const text = stampedText(sequence, monotonicMs());
      queue.push(baselineWebhook(config.appSecret, customerWaId(index), customerName(index), text));
      idle.pop()?.();
    },
    close: async () => {
      closed = true;
      for (const resolve of idle.splice(0)) resolve();
      agent.destroy();
    },
  };
}
