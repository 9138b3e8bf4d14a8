import { MEDIA_URL_TTL_MS } from '@switchboard/whatsapp';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildGraphTestApp,
  expectGraphError,
  OTHER_PHONE_NUMBER_ID,
  PHONE_NUMBER_ID,
  PUBLIC_URL,
  TOKEN,
  type GraphTestApp,
} from '../test-support/graph-test-app.js';

const JPEG = Buffer.from('\xff\xd8\xff\xe0 pretend jpeg', 'latin1');
const file = (data: Buffer, contentType: string, filename = 'file.bin') => ({
  name: 'file',
  filename,
  contentType,
  data,
});

/** A WebP header (RIFF/WEBP/VP8X) padded to `size` bytes, animated or not. */
function webp(size: number, animated: boolean): Buffer {
  const bytes = Buffer.alloc(size);
  bytes.write('RIFF', 0, 'latin1');
  bytes.write('WEBPVP8X', 8, 'latin1');
  bytes[20] = animated ? 0x02 : 0x00;
  return bytes;
}

describe('media: upload, retrieve, download, delete', () => {
  let t: GraphTestApp;
  beforeEach(async () => {
    t = await buildGraphTestApp();
  });
  afterEach(async () => {
    await t.app.close();
  });

  async function uploaded(data = JPEG, contentType = 'image/jpeg'): Promise<string> {
    const response = await t.upload([
      file(data, contentType, 'photo.jpg'),
      { name: 'type', value: contentType },
    ]);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ id: string }>().id;
  }
  const download = (url: string, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
    t.app.inject({ method: 'GET', url: url.replace(PUBLIC_URL, ''), headers });

  it('uploads a file and answers a Meta-like numeric id', async () => {
    const id = await uploaded();
    expect(id).toMatch(/^[1-9]\d{14,15}$/);
    expect(t.media.get(id)).toMatchObject({
      phoneNumberId: PHONE_NUMBER_ID,
      mimeType: 'image/jpeg',
      filename: 'photo.jpg',
    });
  });

  it('takes the MIME type from the file part when there is no type field, fields in any order', async () => {
    const response = await t.upload([
      file(Buffer.from('%PDF-1.4'), 'application/pdf'),
      { name: 'messaging_product', value: 'whatsapp' },
    ]);
    expect(response.statusCode, response.body).toBe(200);
    expect(t.media.get(response.json().id)?.mimeType).toBe('application/pdf');
  });

  it('answers GET /{media-id} in Meta’s shape, with file_size as a string and the sha256 of the bytes', async () => {
    const id = await uploaded();
    const response = await t.request('GET', `/v23.0/${id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      messaging_product: 'whatsapp',
      url: expect.stringMatching(new RegExp(`^${PUBLIC_URL}/_media/${id}\\?`)),
      mime_type: 'image/jpeg',
      sha256: createHash('sha256').update(JPEG).digest('hex'),
      file_size: String(JPEG.length),
      id,
    });
  });

  it('serves the download URL with the bearer token and the media’s content type', async () => {
    const id = await uploaded();
    const { url } = (await t.request('GET', `/${id}`)).json<{ url: string }>();
    const response = await download(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/jpeg');
    expect(response.rawPayload.equals(JPEG)).toBe(true);
    expect(response.headers['content-disposition']).toContain('photo.jpg');
  });

  it('refuses the download without a token (401) and once the URL is 5 minutes old (404)', async () => {
    const id = await uploaded();
    const { url } = (await t.request('GET', `/v23.0/${id}`)).json<{ url: string }>();
    expectGraphError(await download(url, {}), 190, undefined, 401);
    t.clock.advance(MEDIA_URL_TTL_MS - 1);
    expect((await download(url)).statusCode).toBe(200);
    t.clock.advance(1);
    expect((await download(url)).statusCode).toBe(404);
    const fresh = (await t.request('GET', `/v23.0/${id}`)).json<{ url: string }>().url;
    expect((await download(fresh)).statusCode).toBe(200);
  });

  it('answers 404 for a URL whose expiry or signature was edited', async () => {
    const id = await uploaded();
    const { url } = (await t.request('GET', `/v23.0/${id}`)).json<{ url: string }>();
    const later = url.replace(/expires=(\d+)/, (_m, ms: string) => `expires=${Number(ms) + 3_600_000}`);
    expect((await download(later)).statusCode).toBe(404);
    const forged = url.replace(
      /signature=(\w)/,
      (_m, first: string) => `signature=${first === '0' ? '1' : '0'}`,
    );
    expect((await download(forged)).statusCode).toBe(404);
    expect((await download(url.replace(`/_media/${id}`, '/_media/123456789012345'))).statusCode).toBe(404);
  });

  it('serves byte ranges', async () => {
    const id = await uploaded();
    const { url } = (await t.request('GET', `/v23.0/${id}`)).json<{ url: string }>();
    const partial = await download(url, { authorization: `Bearer ${TOKEN}`, range: 'bytes=0-3' });
    expect(partial.statusCode).toBe(206);
    expect(partial.headers['content-range']).toBe(`bytes 0-3/${JPEG.length}`);
    expect(partial.rawPayload.equals(JPEG.subarray(0, 4))).toBe(true);
    const suffix = await download(url, { authorization: `Bearer ${TOKEN}`, range: 'bytes=-5' });
    expect(suffix.rawPayload.equals(JPEG.subarray(-5))).toBe(true);
    const beyond = await download(url, { authorization: `Bearer ${TOKEN}`, range: `bytes=${JPEG.length}-` });
    expect(beyond.statusCode).toBe(416);
  });

  it('deletes media: success, then 100/33 on GET and 404 on its old URL', async () => {
    const id = await uploaded();
    const { url } = (await t.request('GET', `/v23.0/${id}`)).json<{ url: string }>();
    const deleted = await t.request('DELETE', `/v23.0/${id}`);
    expect(deleted.json()).toEqual({ success: true });
    expectGraphError(await t.request('GET', `/v23.0/${id}`), 100, 'does not exist', 400);
    expect((await download(url)).statusCode).toBe(404);
  });

  it('honours phone_number_id on GET and DELETE: media of another number is not found', async () => {
    const id = await uploaded();
    expect((await t.request('GET', `/v23.0/${id}?phone_number_id=${PHONE_NUMBER_ID}`)).statusCode).toBe(200);
    expectGraphError(
      await t.request('GET', `/v23.0/${id}?phone_number_id=${OTHER_PHONE_NUMBER_ID}`),
      100,
      'does not exist',
    );
    expectGraphError(await t.request('DELETE', `/v23.0/${id}?phone_number_id=${OTHER_PHONE_NUMBER_ID}`), 100);
    expect(t.media.get(id)).toBeDefined();
  });

  it.each([
    [
      'an unsupported MIME type',
      file(Buffer.from('GIF89a'), 'image/gif'),
      'Unsupported MIME type "image/gif"',
    ],
    [
      'an image over 5 MB',
      file(Buffer.alloc(5 * 1024 * 1024 + 1), 'image/png'),
      'exceeds the image limit of 5242880 bytes',
    ],
    [
      'a static sticker over 100 KB',
      file(webp(100 * 1024 + 1, false), 'image/webp'),
      'static sticker limit of 102400',
    ],
    [
      'an animated sticker over 500 KB',
      file(webp(500 * 1024 + 1, true), 'image/webp'),
      'animated sticker limit of 512000',
    ],
    ['audio over 16 MB', file(Buffer.alloc(16 * 1024 * 1024 + 1), 'audio/aac'), 'audio limit'],
    ['an empty file', file(Buffer.alloc(0), 'image/jpeg'), 'empty'],
  ])('refuses %s with 131053', async (_case, part, details) => {
    expectGraphError(await t.upload([part]), 131053, details, 400);
  });

  it('refuses OGG audio that names a codec other than OPUS in the type field (131053)', async () => {
    const vorbis = await t.upload([
      file(Buffer.from('OggS'), 'audio/ogg'),
      { name: 'type', value: 'audio/ogg; codecs=vorbis' },
    ]);
    expectGraphError(vorbis, 131053, 'OPUS');
  });

  it('accepts each kind at its size limit, animated stickers up to 500 KB', async () => {
    expect((await t.upload([file(Buffer.alloc(5 * 1024 * 1024), 'image/jpeg')])).statusCode).toBe(200);
    expect((await t.upload([file(webp(500 * 1024, true), 'image/webp')])).statusCode).toBe(200);
    expect((await t.upload([file(webp(100 * 1024, false), 'image/webp')])).statusCode).toBe(200);
    expect((await t.upload([file(Buffer.from('OggS'), 'audio/ogg; codecs=opus')])).statusCode).toBe(200);
  });

  it('refuses uploads without messaging_product, without a file, or not as multipart', async () => {
    const noProduct = await t.upload([{ name: 'messaging_product', value: 'sms' }, file(JPEG, 'image/jpeg')]);
    expectGraphError(noProduct, 100, 'messaging_product');
    expectGraphError(await t.upload([]), 131008, 'The parameter file is required.');
    const json = await t.request('POST', `/v23.0/${PHONE_NUMBER_ID}/media`, {
      messaging_product: 'whatsapp',
    });
    expectGraphError(json, 100, 'multipart/form-data');
  });

  it('keeps uploads with their number: another number cannot send them', async () => {
    const id = await uploaded();
    const response = await t.send(
      { messaging_product: 'whatsapp', to: '+16505551234', type: 'image', image: { id } },
      OTHER_PHONE_NUMBER_ID,
    );
    expectGraphError(response, 131053, 'was not found');
  });
});
