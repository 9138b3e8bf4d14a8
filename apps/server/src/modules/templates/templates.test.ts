import type { TemplateDefinition } from '@switchboard/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentTokens } from '../../auth/agent-token.js';
import type { MetaChannelConfig } from '../../config/config-schema.js';
import {
  appointmentTemplate,
  business,
  startServerWithEmulator,
  type ServerWithEmulator,
} from '../../e2e/test-support/server-with-emulator.js';
import { AppError } from '../../errors/app-error.js';
import { ChannelRegistry } from '../../ingest/channel-registry.js';
import { ChannelProviders } from '../../providers/channel-providers.js';
import type { Channel } from '../../store/store.js';
import { syncTemplates } from '../../templates/template-sync.js';

/** A NAMED template with a media header and a URL button, next to the harness's two. */
const orderTemplate: TemplateDefinition = {
  name: 'order_ready',
  language: 'de',
  category: 'UTILITY',
  parameterFormat: 'NAMED',
  components: [
    { type: 'HEADER', format: 'IMAGE' },
    { type: 'BODY', text: 'Hallo {{first_name}}, Ihre Bestellung {{order_id}} ist da.' },
    { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Ansehen', url: 'https://example.com/o/{{1}}' }] },
  ],
};

async function harness(): Promise<{ h: ServerWithEmulator; channel: Channel; config: MetaChannelConfig }> {
  const h = await startServerWithEmulator('sqlite');
  h.emulator.templates.create(business.wabaId, orderTemplate);
  const channel = (await h.server.store.listChannels()).find(
    (c) => c.phoneNumberId === business.phoneNumberId,
  );
  const config = h.server.config.channels[0];
  if (!channel || config?.provider !== 'meta') throw new Error('the harness has no Meta channel');
  return { h, channel, config };
}

describe('syncTemplates against the emulator', () => {
  let h: ServerWithEmulator;
  let channel: Channel;
  let config: MetaChannelConfig;
  const clients: ChannelProviders[] = [];

  /** Senders as main.ts builds them, for the harness's channel with `config` changed. */
  const providersWith = (patch: Partial<MetaChannelConfig> = {}) => {
    const providers = new ChannelProviders(
      new ChannelRegistry([{ channel, config: { ...config, ...patch } }]),
    );
    clients.push(providers);
    return providers;
  };

  beforeAll(async () => {
    ({ h, channel, config } = await harness());
  });
  afterAll(async () => {
    for (const providers of clients) providers.close();
    await h.close();
  });

  it("stores every template of the channel's WABA with Meta's fields", async () => {
    const result = await syncTemplates(h.server.store, providersWith(), channel.id, 1_700_000_000_000);
    expect(result).toEqual({ channelId: channel.id, count: 3 });
    const stored = await h.server.store.listTemplates(channel.id);
    expect(stored.map((t) => `${t.name}/${t.language}`).sort()).toEqual([
      'appointment_reminder/en_US',
      'hello_world/en_US',
      'order_ready/de',
    ]);
    const order = await h.server.store.findTemplate(channel.id, 'order_ready', 'de');
    expect(order).toEqual({
      channelId: channel.id,
      name: 'order_ready',
      language: 'de',
      providerTemplateId: expect.stringMatching(/^\d+$/),
      status: 'APPROVED',
      category: 'UTILITY',
      parameterFormat: 'NAMED',
      components: orderTemplate.components,
      syncedAt: 1_700_000_000_000,
    });
    const appointment = await h.server.store.findTemplate(channel.id, 'appointment_reminder', 'en_US');
    expect(appointment?.components).toEqual(appointmentTemplate.components);
    expect(appointment?.parameterFormat).toBe('POSITIONAL');
  });

  it("replaces the channel's templates with the provider's current list", async () => {
    h.emulator.templates.setStatus(business.wabaId, 'appointment_reminder', 'en_US', 'PAUSED');
    h.emulator.templates.delete(business.wabaId, 'order_ready');
    try {
      const result = await syncTemplates(h.server.store, providersWith(), channel.id, 1_700_000_060_000);
      expect(result.count).toBe(2);
      const stored = await h.server.store.listTemplates(channel.id);
      expect(stored.map((t) => [t.name, t.status, t.syncedAt])).toEqual([
        ['appointment_reminder', 'PAUSED', 1_700_000_060_000],
        ['hello_world', 'APPROVED', 1_700_000_060_000],
      ]);
    } finally {
      h.emulator.templates.setStatus(business.wabaId, 'appointment_reminder', 'en_US', 'APPROVED');
      h.emulator.templates.create(business.wabaId, orderTemplate);
    }
  });

  it('turns a provider error into provider_unavailable without the token, and keeps the last sync', async () => {
    const before = await h.server.store.listTemplates(channel.id);
    const token = 'wrong-access-token-0123456789';
    const error = await syncTemplates(
      h.server.store,
      providersWith({ accessToken: token }),
      channel.id,
      1,
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('provider_unavailable');
    expect(appError.message).toMatch(
      /^WhatsApp did not list the templates of channel \S+: \(#190\) .+; check the channel's access token/,
    );
    expect(JSON.stringify([appError.message, appError.details])).not.toContain(token);
    expect(appError.details).toMatchObject({ channelId: channel.id, providerCode: 190 });
    expect(await h.server.store.listTemplates(channel.id)).toEqual(before);
  });

  it('answers not_found for a channel it has no client for', async () => {
    await expect(syncTemplates(h.server.store, providersWith(), 'ch_unknown', 1)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

// The routes are registered by app.ts inside the authenticated /v1 scope.
describe('GET /v1/templates and POST /v1/templates/sync', () => {
  let h: ServerWithEmulator;
  let channel: Channel;
  let agentToken: string;

  const call = async (
    method: 'GET' | 'POST',
    url: string,
    options: { body?: unknown; key?: string | null } = {},
  ) => {
    const key = options.key === undefined ? h.server.config.apiKey : options.key;
    const response = await h.server.app.inject({
      method,
      url,
      headers: key === null ? {} : { authorization: `Bearer ${key}` },
      ...(options.body !== undefined && { payload: options.body as object }),
    });
    return { status: response.statusCode, json: response.json() };
  };

  beforeAll(async () => {
    ({ h, channel } = await harness());
    agentToken = (
      await new AgentTokens(h.server.config.tokenSecret).mint({
        sub: 'alice',
        refs: ['CASE-1'],
        ttlSeconds: 600,
      })
    ).token;
  });
  afterAll(() => h.close());

  it('lists nothing before the first sync', async () => {
    expect(await call('GET', '/v1/templates')).toEqual({ status: 200, json: { data: [] } });
  });

  it('syncs every channel without a body, then lists the templates', async () => {
    const started = Date.now();
    const sync = await call('POST', '/v1/templates/sync');
    expect(sync).toEqual({
      status: 200,
      json: { synced: [{ channelId: channel.id, count: 3 }], skipped: [] },
    });

    const list = await call('GET', '/v1/templates');
    expect(list.status).toBe(200);
    const data = list.json.data as { name: string; syncedAt: string }[];
    expect(data.map((t) => t.name)).toEqual(['appointment_reminder', 'hello_world', 'order_ready']);
    expect(data.find((t) => t.name === 'order_ready')).toEqual({
      channelId: channel.id,
      name: 'order_ready',
      language: 'de',
      providerTemplateId: expect.stringMatching(/^\d+$/),
      status: 'APPROVED',
      category: 'UTILITY',
      parameterFormat: 'NAMED',
      components: orderTemplate.components,
      syncedAt: expect.any(String),
    });
    for (const template of data) {
      expect(Date.parse(template.syncedAt)).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000);
      expect(new Date(template.syncedAt).toISOString()).toBe(template.syncedAt);
    }
  });

  it('syncs one channel and filters by channelId, name and status (any case)', async () => {
    h.emulator.templates.setStatus(business.wabaId, 'hello_world', 'en_US', 'PAUSED');
    const sync = await call('POST', '/v1/templates/sync', { body: { channelId: channel.id } });
    expect(sync.json).toEqual({ synced: [{ channelId: channel.id, count: 3 }], skipped: [] });

    const names = async (query: string) =>
      ((await call('GET', `/v1/templates${query}`)).json.data as { name: string }[]).map((t) => t.name);
    expect(await names('?status=paused')).toEqual(['hello_world']);
    expect(await names('?status=APPROVED')).toEqual(['appointment_reminder', 'order_ready']);
    expect(await names('?name=order_ready')).toEqual(['order_ready']);
    expect(await names(`?channelId=${channel.id}&name=hello_world&status=PAUSED`)).toEqual(['hello_world']);
    expect(await names('?name=nope')).toEqual([]);
  });

  it('answers 404 for an unknown channel', async () => {
    const list = await call('GET', '/v1/templates?channelId=ch_nope');
    expect([list.status, list.json.error.code]).toEqual([404, 'not_found']);
    const sync = await call('POST', '/v1/templates/sync', { body: { channelId: 'ch_nope' } });
    expect([sync.status, sync.json.error.code]).toEqual([404, 'not_found']);
  });

  it('validates the sync body', async () => {
    for (const body of [{ channelId: '' }, { channelId: 7 }, { channel: channel.id }]) {
      const r = await call('POST', '/v1/templates/sync', { body });
      expect([r.status, r.json.error.code], JSON.stringify(body)).toEqual([400, 'validation_failed']);
    }
  });

  it('lets agents read templates, but only the API key sync them', async () => {
    expect((await call('GET', '/v1/templates', { key: agentToken })).status).toBe(200);
    const sync = await call('POST', '/v1/templates/sync', { key: agentToken });
    expect([sync.status, sync.json.error.code]).toEqual([403, 'forbidden']);
    expect((await call('GET', '/v1/templates', { key: null })).status).toBe(401);
    expect((await call('POST', '/v1/templates/sync', { key: null })).status).toBe(401);
  });
});
