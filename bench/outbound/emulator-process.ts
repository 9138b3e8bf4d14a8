/**
 * The provider side of bench:outbound: the Cloud API emulator as its own server and process
 * (`startEmulatorServer`), so its event loop is not shared with the gateway or the load. The parent
 * drives it over IPC (protocol.ts) and reads back when each business message was accepted.
 */
import { startEmulatorServer } from '@switchboard/emulator';
import type { EmulatorAnswer, EmulatorCommand, EmulatorProcessConfig } from './protocol.js';
import { sequenceOf } from './protocol.js';

const config = JSON.parse(process.env.BENCH_EMULATOR_CONFIG ?? '') as EmulatorProcessConfig;

const server = await startEmulatorServer({
  port: config.port,
  appSecret: config.appSecret,
  verifyToken: config.verifyToken,
  webhookUrl: config.webhookUrl,
  accessTokens: [{ token: config.accessToken }],
  businessNumbers: [
    {
      phoneNumberId: config.phoneNumberId,
      displayPhoneNumber: '15550001234',
      throughputPerSecond: config.throughputPerSecond,
    },
  ],
  customers: config.waIds.map((waId, i) => ({ waId, name: `Bench Customer ${i}` })),
  // The pair limit (131056, 45 messages then one per 6 s per customer) is not what this benchmark
  // measures, and at 1,000/s for tens of seconds it would need thousands of customers to stay clear.
  pairRateLimit: { burst: 1_000_000_000 },
  // Reading is a person's act, not part of a send: only `sent` and `delivered` follow each message.
  autoRead: false,
  // Deliveries overlap as Meta's do; Switchboard stores each webhook before its 200.
  webhookConcurrency: 16,
  webhookRetryScheduleMs: [100, 500, 2000],
  phonePage: false,
  onLog: ({ level, message }) => {
    if (level === 'warn') process.stderr.write(`[emulator] ${message}\n`);
  },
});
const { emulator } = server;
process.send?.({ type: 'listening', url: server.url });

/** Calls `visit` with the sequence and accept time of each business message tagged `tag`. */
function forEachReceipt(tag: string, visit: (sequence: number, acceptedAt: number) => void): void {
  for (const waId of config.waIds) {
    for (const item of emulator.received(waId, config.phoneNumberId)) {
      const text = (item.message.text as { body?: unknown } | undefined)?.body;
      const sequence = sequenceOf(tag, text);
      if (sequence !== null) visit(sequence, item.timestamp);
    }
  }
}

async function handle(command: EmulatorCommand): Promise<EmulatorAnswer> {
  switch (command.type) {
    case 'open-windows':
      for (const waId of config.waIds) {
        emulator.customerSends(waId, { type: 'text', text: { body: 'Hello, I have a question' } });
      }
      return { type: command.type };
    case 'withhold':
      emulator.setFaults({ withholdWebhooks: command.on });
      return { type: command.type };
    case 'reset':
      emulator.reset();
      return { type: command.type };
    case 'idle':
      await emulator.webhooksIdle();
      return { type: command.type };
    case 'count': {
      let count = 0;
      forEachReceipt(command.tag, () => {
        count += 1;
      });
      return { type: command.type, count };
    }
    case 'collect': {
      const receipts: [number, number][] = [];
      forEachReceipt(command.tag, (sequence, acceptedAt) => receipts.push([sequence, acceptedAt]));
      return { type: command.type, receipts };
    }
  }
}

process.on('message', (command: EmulatorCommand) => {
  handle(command).then(
    (answer) => process.send?.(answer),
    (error: unknown) => {
      process.stderr.write(`[emulator] ${command.type} failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
});
// The parent disconnects (or dies): close the server so the port is released.
process.once('disconnect', () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
