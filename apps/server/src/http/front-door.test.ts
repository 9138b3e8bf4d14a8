import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { frontDoor } from './front-door.js';

describe('frontDoor', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('hands its routes to their handlers and everything else to Fastify', async () => {
    const seen: string[] = [];
    const factory = frontDoor([
      {
        method: 'POST',
        path: '/hook',
        handle: (req, res) => {
          seen.push(`door ${req.url}`);
          res.end('door');
        },
      },
    ]);
    server = factory((req, res) => {
      seen.push(`fastify ${req.method} ${req.url}`);
      res.end('fastify');
    }, {});
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    expect(await (await fetch(`${base}/hook?a=1`, { method: 'POST', body: '{}' })).text()).toBe('door');
    expect(await (await fetch(`${base}/hook`)).text()).toBe('fastify');
    expect(await (await fetch(`${base}/hook/more`, { method: 'POST' })).text()).toBe('fastify');
    expect(seen).toEqual(['door /hook?a=1', 'fastify GET /hook', 'fastify POST /hook/more']);
    expect(server.keepAliveTimeout).toBe(72_000);
  });
});
