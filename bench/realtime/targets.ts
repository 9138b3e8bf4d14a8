import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { nextMessage, stopChild } from '../ingest/child-processes.js';
import { KeepAliveConnection } from '../ingest/keep-alive-connection.js';
import { startSwitchboard } from '../ingest/switchboard-server.js';
import { ask } from '../common/ask.js';
import { fanMarker } from './event-frame.js';
import { forkRealtimeChild } from './processes.js';
import { nowMicros, type BroadcastDone, type ClientKind } from './protocol.js';
import { textWebhook, webhookHeaders } from './webhooks.js';

export type TargetName = 'bareWs' | 'socketIo' | 'switchboard';

/** A server under test, whatever it is: where its clients connect and how to make it broadcast. */
export interface Target {
  name: TargetName;
  pid: number | undefined;
  port: number;
  clientKind: ClientKind;
  url: string;
  headers?: Record<string, string>;
  /** Makes the server send `count` message frames to every client; resolves with the start (µs). */
  broadcast(count: number): Promise<number>;
  stop(): Promise<void>;
}

// The key bench/ingest/switchboard-server.ts configures.
const switchboardApiKey = 'bench-api-key-0123456789';

export async function startTarget(name: TargetName, appSecret: string): Promise<Target> {
  if (name === 'switchboard') return startSwitchboardTarget(appSecret);
  const file = name === 'bareWs' ? './bare-ws-server.ts' : './socketio-server.ts';
  const child = forkRealtimeChild(file, { BENCH_APP_SECRET: appSecret });
  const { port } = await nextMessage<{ type: 'listening'; port: number }>(child, 'listening', 30_000);
  return {
    name,
    pid: child.pid,
    port,
    clientKind: name === 'bareWs' ? 'ws' : 'socketio',
    url: name === 'bareWs' ? `ws://127.0.0.1:${port}/` : `http://127.0.0.1:${port}`,
    broadcast: (count) => broadcastByIpc(child, count),
    stop: async () => {
      await stopChild(child, 5000);
    },
  };
}

async function broadcastByIpc(child: ChildProcess, count: number): Promise<number> {
  const done = await ask<BroadcastDone>(child, { type: 'broadcast', count }, 'broadcast-done', 120_000);
  return done.startedAt;
}

async function startSwitchboardTarget(appSecret: string): Promise<Target> {
  const server = await startSwitchboard(appSecret, 60_000);
  let sequence = 0;
  return {
    name: 'switchboard',
    pid: server.pid,
    port: server.port,
    clientKind: 'ws',
    url: `ws://127.0.0.1:${server.port}/v1/realtime`,
    headers: { authorization: `Bearer ${switchboardApiKey}` },
    // Switchboard broadcasts what it commits: each webhook's text becomes a message.created event.
    async broadcast(count) {
      const startedAt = nowMicros();
      const connections = Array.from({ length: 8 }, () => new KeepAliveConnection(server.port, 10_000));
      let next = 0;
      await Promise.all(
        connections.map(async (connection) => {
          while (next < count) {
            const i = next++;
            sequence += 1;
            const webhook = textWebhook(appSecret, sequence, `${fanMarker}${i}`, 1);
            const outcome = await connection.post(
              '/webhooks/meta',
              webhookHeaders(webhook.signature),
              webhook.body,
            );
            if (outcome !== 200) throw new Error(`webhook answered ${String(outcome)}`);
          }
          connection.close();
        }),
      );
      return startedAt;
    },
    stop: async () => {
      const code = await server.stop(10_000);
      if (code !== 0) console.error(`[bench:realtime] switchboard exited with ${code}`);
      await rm(server.dataDir, { recursive: true, force: true });
    },
  };
}
