import type { Emulator } from '@switchboard/emulator';
import type { Conversation, Message } from '@switchboard/protocol';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Store } from '../store/store.js';

export interface DemoHistoryDeps {
  emulator: Emulator;
  app: FastifyInstance;
  store: Store;
  apiKey: string;
  log: FastifyBaseLogger;
}

const anna = '4915123456789';
const mehmet = '4917612345678';
const jordan = '15551234567';

/**
 * A first-time user's inbox is not empty: a few demo customers write, and the business answers,
 * through the same path as everything else (signed webhooks from the emulator, the send API, the
 * outbox) — a text, a photo with a caption, a reply to it and the customer's reaction, a
 * location, a voice note and a document. Only into an empty database: a restarted demo keeps
 * what happened in it.
 */
export async function seedDemoHistory(deps: DemoHistoryDeps): Promise<void> {
  const { emulator, store } = deps;
  if ((await store.listConversations({ limit: 1 })).data.length > 0) return;

  emulator.customerSends(anna, {
    type: 'text',
    text: { body: 'Hello! I applied for the home loan last week. Is there any news?' },
  });
  const payslip = emulator.customerSends(anna, {
    type: 'image',
    image: { caption: 'My payslip for November' },
  });
  emulator.customerSends(mehmet, { type: 'text', text: { body: 'Can we move my appointment to Thursday?' } });
  emulator.customerSends(mehmet, {
    type: 'location',
    location: { latitude: 52.520008, longitude: 13.404954, name: 'Branch Alexanderplatz', address: 'Berlin' },
  });
  emulator.customerSends(jordan, { type: 'audio', audio: { voice: true } });
  emulator.customerSends(jordan, {
    type: 'document',
    document: { filename: 'bank-statement.pdf', caption: 'As requested' },
  });

  const photo = await until(() => messageOf(store, anna, (m) => m.providerMessageId === payslip.id));
  const answer = await deps.app.inject({
    method: 'POST',
    url: `/v1/conversations/${photo.conversationId}/messages`,
    headers: { authorization: `Bearer ${deps.apiKey}`, 'idempotency-key': 'demo-history-1' },
    payload: {
      type: 'text',
      text: { body: 'Thank you, Anna! We have your payslip; the decision comes by Friday.' },
      replyTo: photo.id,
    },
  });
  if (answer.statusCode !== 202) throw new Error(`the demo answer was refused: ${answer.body}`);
  const sent = await until(() => emulator.received(anna).at(0));
  emulator.customerSends(anna, { type: 'reaction', reaction: { message_id: sent.id, emoji: '👍' } });
  deps.log.info('demo mode: three customers with a short history are in the inbox');
}

async function messageOf(
  store: Store,
  waId: string,
  match: (message: Message) => boolean,
): Promise<Message | undefined> {
  const conversation: Conversation | undefined = (await store.listConversations({ limit: 5, q: waId }))
    .data[0];
  if (!conversation) return undefined;
  return (await store.listMessages(conversation.id, { limit: 50 })).data.find(match);
}

/** Polls until `check` gives a value (the webhooks and the outbox run on their own), for up to 10 s. */
async function until<T>(check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('the demo history did not arrive within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
