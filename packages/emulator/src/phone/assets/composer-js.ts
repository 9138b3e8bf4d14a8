/**
 * Browser module `composer.js`: what the customer types, attaches and shares. Sending itself is
 * the app's (it knows the customer, the business number and the quoted message).
 */
export const composerJs = String.raw`
import { byId } from './dom.js';
import { sampleLocation } from './message-content.js';

// The Cloud API takes documents up to 100 MB, but a browser tab building a base64 JSON body that
// large helps no one in a simulator (and a host app may mount the control API with a lower limit).
const MAX_FILE_BYTES = 16 * 1024 * 1024;

/**
 * app: { sendText(body) -> Promise<result | undefined>, send(message, quoting) -> same,
 * rememberLocalMedia(id, url), cancelReply(), toast(text) }
 */
export function initComposer(app) {
  const form = byId('composer');
  const input = byId('text');
  const file = byId('file');

  const sendText = async () => {
    const body = input.value.trim();
    if (!body) return;
    if (await app.sendText(body)) input.value = '';
  };

  const attach = async (picked) => {
    if (picked.size > MAX_FILE_BYTES) {
      app.toast('That file is over 16 MB; pick a smaller one for the simulator.');
      return;
    }
    const kind = picked.type.startsWith('image/') ? 'image' : 'document';
    const content = kind === 'document' ? { filename: picked.name || 'document' } : {};
    const caption = input.value.trim();
    if (caption) content.caption = caption;
    const base64 = await readBase64(picked);
    const message = { type: kind, file: { base64, mimeType: picked.type || 'application/octet-stream' } };
    message[kind] = content;
    if (picked.name) message.file.filename = picked.name;
    const result = await app.send(message, true);
    if (!result) return;
    input.value = '';
    if (kind === 'image' && result.id) app.rememberLocalMedia(result.id, URL.createObjectURL(picked));
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void sendText();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void sendText();
    } else if (event.key === 'Escape') app.cancelReply();
  });
  byId('attach').addEventListener('click', () => file.click());
  file.addEventListener('change', () => {
    const picked = file.files && file.files[0];
    file.value = '';
    if (picked) attach(picked).catch((error) => app.toast(String(error && error.message ? error.message : error)));
  });
  byId('share-location').addEventListener('click', () => void app.send(sampleLocation(), true));
  byId('reply-cancel').addEventListener('click', () => app.cancelReply());
}

function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error || new Error('Could not read the file'));
    reader.readAsDataURL(file);
  });
}
`;
