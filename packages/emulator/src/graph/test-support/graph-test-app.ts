import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { ManualClock } from '../../core/clock.js';
import type { BusinessNumberOptions, TemplateDefinition } from '../../core/emulator-options.js';
import { MemoryMediaStore } from '../../media/memory-media-store.js';
import { TemplateRegistry, type TemplateStatus } from '../../templates/template-registry.js';
import type { AccessTokenGrant } from '../graph-deps.js';
import { graphRoutes } from '../graph-routes.js';
import { multipartBody, type MultipartPart } from './multipart-body.js';
import { RecordingGate } from './recording-gate.js';

export const TOKEN = 'EAAG-test-token';
export const PHONE_NUMBER_ID = '106540352242922';
export const DISPLAY_NUMBER = '15550783881';
export const WABA_ID = '102290129340398';
/** A second number in another WABA, to check that media and templates stay with their owner. */
export const OTHER_PHONE_NUMBER_ID = '106540352242999';
export const OTHER_WABA_ID = '102290129340999';
export const PUBLIC_URL = 'http://emulator.test:4004';
export const CUSTOMER = '+1 (650) 555-1234';

const NUMBERS: readonly (BusinessNumberOptions & { wabaId: string })[] = [
  {
    phoneNumberId: PHONE_NUMBER_ID,
    displayPhoneNumber: DISPLAY_NUMBER,
    wabaId: WABA_ID,
    verifiedName: 'Acme',
  },
  { phoneNumberId: OTHER_PHONE_NUMBER_ID, displayPhoneNumber: '15550783999', wabaId: OTHER_WABA_ID },
];

export interface GraphTestApp {
  readonly app: FastifyInstance;
  readonly clock: ManualClock;
  readonly gate: RecordingGate;
  readonly media: MemoryMediaStore;
  readonly templates: TemplateRegistry;
  readonly accessTokens: AccessTokenGrant[];
  /** `POST /v23.0/{phone-number-id}/messages` with the test token (under the prefix, if any). */
  send(body: unknown, phoneNumberId?: string): Promise<LightMyRequestResponse>;
  /** `POST /v23.0/{phone-number-id}/media` as multipart; `messaging_product` is added unless given. */
  upload(parts: readonly MultipartPart[], phoneNumberId?: string): Promise<LightMyRequestResponse>;
  /** Puts media straight into the store (no upload checks) and returns its id. */
  storeMedia(mimeType: string, phoneNumberId?: string, bytes?: Buffer): string;
  request(
    method: 'GET' | 'POST' | 'DELETE' | 'PUT',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
}

export async function buildGraphTestApp(
  options: {
    templates?: readonly TemplateDefinition[];
    createdStatus?: TemplateStatus;
    /** Mount the routes under this prefix; the helpers' URLs get it added. */
    prefix?: string;
  } = {},
): Promise<GraphTestApp> {
  const prefix = options.prefix ?? '';
  const clock = new ManualClock();
  const gate = new RecordingGate();
  const media = new MemoryMediaStore(clock);
  const templates = new TemplateRegistry(options);
  const accessTokens: AccessTokenGrant[] = [{ token: TOKEN }];
  const app = Fastify();
  await app.register(
    graphRoutes({
      findNumber: (id) => {
        const number = NUMBERS.find((n) => n.phoneNumberId === id);
        return number && { number, wabaId: number.wabaId };
      },
      hasWaba: (id) => NUMBERS.some((n) => n.wabaId === id),
      accessTokens,
      media,
      templates,
      gate,
      clock,
      publicUrl: () => PUBLIC_URL,
    }),
    { prefix },
  );
  await app.ready();
  const authorization = `Bearer ${TOKEN}`;
  const request: GraphTestApp['request'] = (method, url, body) =>
    app.inject({
      method,
      url: `${prefix}${url}`,
      headers: { authorization },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    app,
    clock,
    gate,
    media,
    templates,
    accessTokens,
    request,
    send: (body, phoneNumberId = PHONE_NUMBER_ID) =>
      request('POST', `/v23.0/${phoneNumberId}/messages`, body),
    upload: (parts, phoneNumberId = PHONE_NUMBER_ID) => {
      const withProduct = parts.some((p) => p.name === 'messaging_product')
        ? parts
        : [{ name: 'messaging_product', value: 'whatsapp' }, ...parts];
      const { payload, headers } = multipartBody(withProduct);
      return app.inject({
        method: 'POST',
        url: `${prefix}/v23.0/${phoneNumberId}/media`,
        headers: { authorization, ...headers },
        payload,
      });
    },
    storeMedia: (mimeType, phoneNumberId = PHONE_NUMBER_ID, bytes = Buffer.from('media bytes')) =>
      media.put({ phoneNumberId, bytes, mimeType }).id,
  };
}

/** Asserts a Graph error answer: HTTP status from the code's table entry, code, and details text. */
export function expectGraphError(
  response: LightMyRequestResponse,
  code: number,
  details?: string | RegExp,
  httpStatus?: number,
): void {
  const body = response.json<{
    error: { code: number; message: string; error_data?: { details: string } };
  }>();
  expect(body.error, response.body).toBeDefined();
  expect(body.error.code, body.error.error_data?.details ?? body.error.message).toBe(code);
  if (httpStatus !== undefined) expect(response.statusCode).toBe(httpStatus);
  if (details !== undefined) expect(body.error.error_data?.details ?? body.error.message).toMatch(details);
}

/** A message body with the envelope filled in. */
export function message(type: string, content: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: CUSTOMER,
    type,
    ...content,
    ...extra,
  };
}
