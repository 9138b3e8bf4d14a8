import { MEDIA_CAPTION_MAX_LENGTH, TEXT_BODY_MAX_LENGTH } from '@switchboard/whatsapp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildGraphTestApp,
  expectGraphError,
  message,
  OTHER_PHONE_NUMBER_ID,
  type GraphTestApp,
} from '../test-support/graph-test-app.js';

describe('text and media sends', () => {
  let t: GraphTestApp;
  beforeEach(async () => {
    t = await buildGraphTestApp();
  });
  afterEach(async () => {
    await t.app.close();
  });

  const text = (content: Record<string, unknown>) => message('text', { text: content });

  it('takes a text body of exactly 4096 characters (emoji count as one) and refuses 4097 with 100', async () => {
    expect((await t.send(text({ body: '😀'.repeat(TEXT_BODY_MAX_LENGTH) }))).statusCode).toBe(200);
    const tooLong = await t.send(text({ body: 'x'.repeat(TEXT_BODY_MAX_LENGTH + 1) }));
    expectGraphError(tooLong, 100, "Param text['body'] must be at most 4096 characters long.");
  });

  it.each([
    ['a missing body', {}, 131008, "The parameter text['body'] is required."],
    ['an empty body', { body: '' }, 131008, "text['body']"],
    ['a body that is not a string', { body: 42 }, 100, "Param text['body'] must be a string."],
    ['preview_url that is not a boolean', { body: 'x', preview_url: 'yes' }, 100, "text['preview_url']"],
    ['an unknown key', { body: 'x', bold: true }, 100, 'Unexpected key "bold" on param "text"'],
  ])('refuses a text with %s', async (_case, content, code, details) => {
    expectGraphError(await t.send(text(content)), code, details);
  });

  it('sends every media kind by id or by link', async () => {
    const kinds = {
      image: 'image/png',
      video: 'video/3gpp',
      audio: 'audio/mpeg',
      document: 'text/plain',
      sticker: 'image/webp',
    };
    for (const [kind, mimeType] of Object.entries(kinds)) {
      const byId = await t.send(message(kind, { [kind]: { id: t.storeMedia(mimeType) } }));
      expect(byId.statusCode, byId.body).toBe(200);
      const byLink = await t.send(message(kind, { [kind]: { link: `http://cdn.example.com/file` } }));
      expect(byLink.statusCode, byLink.body).toBe(200);
    }
  });

  it('limits captions to 1024 characters (100 beyond)', async () => {
    const id = t.storeMedia('image/jpeg');
    const ok = await t.send(
      message('image', { image: { id, caption: 'c'.repeat(MEDIA_CAPTION_MAX_LENGTH) } }),
    );
    expect(ok.statusCode).toBe(200);
    const tooLong = await t.send(
      message('video', { video: { link: 'https://a.b/v.mp4', caption: 'c'.repeat(1025) } }),
    );
    expectGraphError(tooLong, 100, "Param video['caption'] must be at most 1024 characters long.");
  });

  it.each([
    [
      'a caption on audio',
      'audio',
      { link: 'https://a.b/a.mp3', caption: 'no' },
      100,
      'Unexpected key "caption" on param "audio"',
    ],
    ['a caption on a sticker', 'sticker', { link: 'https://a.b/s.webp', caption: 'no' }, 100, '"caption"'],
    ['a filename on an image', 'image', { link: 'https://a.b/i.jpg', filename: 'i.jpg' }, 100, '"filename"'],
    ['voice on a video', 'video', { link: 'https://a.b/v.mp4', voice: true }, 100, '"voice"'],
    [
      'both id and link',
      'image',
      { id: '123456789012345', link: 'https://a.b/i.jpg' },
      100,
      'either id or link',
    ],
    ['neither id nor link', 'document', { caption: 'x' }, 131008, "document['id'] or document['link']"],
    ['a link that is not http(s)', 'image', { link: 'ftp://a.b/i.jpg' }, 131009, "image['link']"],
    ['a link that is not a URL', 'audio', { link: 'not a url' }, 131009, 'http or https URL'],
    ['an id nobody uploaded', 'image', { id: '999999999999999' }, 131053, 'was not found'],
  ])('refuses %s', async (_case, kind, content, code, details) => {
    expectGraphError(await t.send(message(kind, { [kind]: content })), code, details);
  });

  it('refuses media another number uploaded (131053)', async () => {
    const foreign = t.storeMedia('image/jpeg', OTHER_PHONE_NUMBER_ID);
    expectGraphError(await t.send(message('image', { image: { id: foreign } })), 131053, 'was not found');
  });

  it('refuses media of another kind (131053), but sends any file as a document', async () => {
    const webp = t.storeMedia('image/webp');
    expectGraphError(
      await t.send(message('image', { image: { id: webp } })),
      131053,
      'cannot be sent as image',
    );
    const jpeg = t.storeMedia('image/jpeg');
    expectGraphError(
      await t.send(message('sticker', { sticker: { id: jpeg } })),
      131053,
      'cannot be sent as sticker',
    );
    expectGraphError(
      await t.send(message('audio', { audio: { id: jpeg } })),
      131053,
      'cannot be sent as audio',
    );
    expect(
      (await t.send(message('document', { document: { id: jpeg, filename: 'photo.jpg' } }))).statusCode,
    ).toBe(200);
  });

  it('refuses media that has been deleted', async () => {
    const id = t.storeMedia('image/jpeg');
    t.media.delete(id);
    expectGraphError(await t.send(message('image', { image: { id } })), 131053);
  });
});
