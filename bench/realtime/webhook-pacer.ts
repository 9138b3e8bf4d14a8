/**
 * Open-loop webhook load at a fixed rate (the latency run's 1,000 msg/s): slot i is due at
 * i / rate seconds, whatever the server's answers do, and each webhook's text is stamped
 * (`bench:lat:<µs>`, then `:<customer>` for scoped agents) when it leaves, so the clients can time
 * webhook → WebSocket frame. Slot i comes from customer i mod `customers`.
 * A child of run.ts: `{type:'start', …PacerConfig}` in, one PacerResult out.
 */
import { KeepAliveConnection } from '../ingest/keep-alive-connection.js';
import { latencyMarker } from './event-frame.js';
import { nowMicros, type PacerConfig, type PacerResult } from './protocol.js';
import { textWebhook, webhookHeaders } from './webhooks.js';

async function run(config: PacerConfig): Promise<PacerResult> {
  const idle = Array.from({ length: config.connections }, () => new KeepAliveConnection(config.port, 10_000));
  const total = Math.round((config.ratePerSecond * config.durationMs) / 1000);
  const result: PacerResult = {
    type: 'result',
    sent: 0,
    ok: 0,
    errors: 0,
    late: 0,
    elapsedMs: 0,
    okStamps: [],
  };
  const start = nowMicros();
  let due = 0;
  let inFlight = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const send = (connection: KeepAliveConnection, slot: number): void => {
    const sentAt = nowMicros();
    if (sentAt - (start + (slot * 1e6) / config.ratePerSecond) > 5000) result.late += 1;
    const customer = slot % config.customers;
    const text = `${latencyMarker}${sentAt}${config.tagCustomer ? `:${customer}` : ''}`;
    const webhook = textWebhook(config.appSecret, slot, text, config.customers);
    result.sent += 1;
    inFlight += 1;
    void connection
      .post('/webhooks/meta', webhookHeaders(webhook.signature), webhook.body)
      .then((outcome) => {
        inFlight -= 1;
        if (outcome === 200) {
          result.ok += 1;
          result.okStamps.push(sentAt);
        } else result.errors += 1;
        idle.push(connection);
        pump();
      });
  };
  const pump = (): void => {
    // Slot i is due at i / rate: slot 0 at once.
    const shouldHaveSent = Math.min(
      total,
      Math.floor(((nowMicros() - start) / 1e6) * config.ratePerSecond) + 1,
    );
    while (due < shouldHaveSent && idle.length > 0) send(idle.pop()!, due++);
    if (due >= total && inFlight === 0) finish();
  };
  const timer = setInterval(pump, 1);
  await finished;
  clearInterval(timer);
  result.elapsedMs = (nowMicros() - start) / 1000;
  return result;
}

process.once('message', (config: PacerConfig) => {
  void run(config).then((result) => {
    process.send?.(result);
  });
});
process.once('disconnect', () => process.exit(0));
