import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildGraphTestApp,
  expectGraphError,
  PHONE_NUMBER_ID,
  type GraphTestApp,
} from '../test-support/graph-test-app.js';

const INBOUND = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=';

describe('mark as read and typing indicator', () => {
  let t: GraphTestApp;
  beforeEach(async () => {
    t = await buildGraphTestApp();
    t.gate.inboundMessageIds.add(INBOUND);
  });
  afterEach(async () => {
    await t.app.close();
  });

  it('answers {"success":true} and tells the gate, with or without the typing indicator', async () => {
    const read = await t.send({ messaging_product: 'whatsapp', status: 'read', message_id: INBOUND });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ success: true });
    const typing = await t.send({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: INBOUND,
      typing_indicator: { type: 'text' },
    });
    expect(typing.json()).toEqual({ success: true });
    expect(t.gate.reads).toEqual([
      { phoneNumberId: PHONE_NUMBER_ID, messageId: INBOUND, typing: false },
      { phoneNumberId: PHONE_NUMBER_ID, messageId: INBOUND, typing: true },
    ]);
    expect(t.gate.sends).toHaveLength(0);
  });

  it('relays the gate’s error for a message id the number never received', async () => {
    const response = await t.send({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.UNKNOWN',
    });
    expectGraphError(response, 131009, 'wamid.UNKNOWN', 400);
  });

  it.each([
    [
      'no message_id',
      { messaging_product: 'whatsapp', status: 'read' },
      131008,
      'The parameter message_id is required.',
    ],
    [
      'another status',
      { messaging_product: 'whatsapp', status: 'delivered', message_id: INBOUND },
      100,
      'Param status',
    ],
    ['no messaging_product', { status: 'read', message_id: INBOUND }, 131008, 'messaging_product'],
    [
      'a typing indicator of another type',
      {
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: INBOUND,
        typing_indicator: { type: 'audio' },
      },
      100,
      "typing_indicator['type']",
    ],
    [
      'send fields mixed in',
      { messaging_product: 'whatsapp', status: 'read', message_id: INBOUND, to: '+1' },
      100,
      'Unexpected key "to"',
    ],
  ])('refuses a read receipt with %s', async (_case, body, code, details) => {
    expectGraphError(await t.send(body), code, details);
    expect(t.gate.reads).toHaveLength(0);
  });
});
