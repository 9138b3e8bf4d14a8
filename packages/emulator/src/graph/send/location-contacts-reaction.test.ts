import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildGraphTestApp,
  expectGraphError,
  message,
  type GraphTestApp,
} from '../test-support/graph-test-app.js';

const card = { name: { formatted_name: 'Ana Lima' } };

describe('location, contacts and reaction sends', () => {
  let t: GraphTestApp;
  beforeEach(async () => {
    t = await buildGraphTestApp();
  });
  afterEach(async () => {
    await t.app.close();
  });

  it('takes coordinates as numbers or numeric strings (the OpenAPI types them as strings)', async () => {
    expect(
      (await t.send(message('location', { location: { latitude: -90, longitude: 180 } }))).statusCode,
    ).toBe(200);
    expect(
      (await t.send(message('location', { location: { latitude: '37.4', longitude: '-122.2' } }))).statusCode,
    ).toBe(200);
  });

  it.each([
    ['a missing latitude', { longitude: 1 }, 131008, "The parameter location['latitude'] is required."],
    [
      'a latitude beyond 90',
      { latitude: 90.5, longitude: 1 },
      131009,
      "location['latitude'] must be between -90 and 90",
    ],
    ['a longitude beyond 180', { latitude: 1, longitude: -181 }, 131009, "location['longitude']"],
    ['a coordinate that is not a number', { latitude: 'north', longitude: 1 }, 100, 'must be a number'],
    ['a name that is not a string', { latitude: 1, longitude: 1, name: 5 }, 100, "location['name']"],
    ['an unknown key', { latitude: 1, longitude: 1, zoom: 3 }, 100, '"zoom"'],
  ])('refuses a location with %s', async (_case, location, code, details) => {
    expectGraphError(await t.send(message('location', { location })), code, details);
  });

  it('takes 1 to 5 contact cards', async () => {
    expect((await t.send(message('contacts', { contacts: Array(5).fill(card) }))).statusCode).toBe(200);
  });

  it.each([
    ['no cards', [], 131009, 'at least 1 item'],
    ['six cards', Array(6).fill(card), 131009, 'at most 5 items'],
    ['a card without name', [{ phones: [{ phone: '+1 555' }] }], 131008, "contacts[0]['name']"],
    [
      'a name without formatted_name',
      [{ name: { first_name: 'Ana' } }],
      131008,
      "contacts[0]['name']['formatted_name']",
    ],
    ['a malformed birthday', [{ ...card, birthday: '18/08/1990' }], 131009, 'YYYY-MM-DD'],
    ['an unknown phone field', [{ ...card, phones: [{ phone: '+1', label: 'x' }] }], 100, '"label"'],
    [
      'a phone entry without phone',
      [{ ...card, phones: [{ type: 'WORK' }] }],
      131008,
      "contacts[0]['phones'][0]['phone']",
    ],
    [
      'an email entry without email',
      [{ ...card, emails: [{ type: 'HOME' }] }],
      131008,
      "['emails'][0]['email']",
    ],
    ['contacts that are not an array', { 0: card }, 100, 'must be an array'],
  ])('refuses contacts with %s', async (_case, contacts, code, details) => {
    expectGraphError(await t.send(message('contacts', { contacts })), code, details);
  });

  it('takes a single emoji of any composition, and "" to remove a reaction', async () => {
    for (const emoji of ['😀', '👍🏽', '👨‍👩‍👧', '🇧🇷', '❤️', '1️⃣', '']) {
      const response = await t.send(message('reaction', { reaction: { message_id: 'wamid.X', emoji } }));
      expect(response.statusCode, emoji).toBe(200);
    }
  });

  it.each([
    ['no message_id', { emoji: '😀' }, 131008, "reaction['message_id']"],
    ['no emoji', { message_id: 'wamid.X' }, 131008, "reaction['emoji']"],
    ['two emoji', { message_id: 'wamid.X', emoji: '😀😀' }, 131009, 'single emoji'],
    ['a word', { message_id: 'wamid.X', emoji: 'ok' }, 131009, 'single emoji'],
  ])('refuses a reaction with %s', async (_case, reaction, code, details) => {
    expectGraphError(await t.send(message('reaction', { reaction })), code, details);
  });
});
