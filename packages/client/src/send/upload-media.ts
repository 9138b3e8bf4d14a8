import { errorFromResponse, SwitchboardError } from '../errors.js';
import type { Rest } from '../http/rest.js';

/** `POST /v1/media`'s answer: pass `id` as `media.id` of a send. */
export interface UploadedMedia {
  id: string;
  mimeType: string;
  size: number;
  sha256: string;
}

export interface UploadOptions {
  /** Called with bytes sent and the total as the upload goes (in browsers, from XMLHttpRequest). */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
  /** The file name WhatsApp shows for a document (defaults to the File's name). */
  filename?: string;
}

type XhrConstructor = new () => XMLHttpRequest;

/**
 * Uploads a file as multipart (field `file`). Browsers use XMLHttpRequest, the one API that
 * reports upload progress; elsewhere fetch, with progress reported once at the end. A 401 gets
 * one new token and one more try, as every request does.
 */
export async function uploadMedia(
  rest: Rest,
  url: string,
  fetchImpl: typeof fetch,
  Xhr: XhrConstructor | null,
  file: Blob,
  options: UploadOptions = {},
): Promise<UploadedMedia> {
  const form = () => {
    const data = new FormData();
    const name = options.filename ?? (file as Blob & { name?: string }).name ?? 'file';
    data.append('file', file, name);
    return data;
  };
  const once = (token: string) =>
    Xhr
      ? viaXhr(Xhr, url, token, form(), options)
      : viaFetch(fetchImpl, url, token, form(), file.size, options);
  let answer = await once(await rest.token());
  if (answer.status === 401) answer = await once(await rest.token(true));
  if (answer.status < 200 || answer.status >= 300) throw await errorFromResponse(answer.response);
  return (await answer.response.json()) as UploadedMedia;
}

interface Answer {
  status: number;
  response: Response;
}

async function viaFetch(
  fetchImpl: typeof fetch,
  url: string,
  token: string,
  body: FormData,
  size: number,
  options: UploadOptions,
): Promise<Answer> {
  try {
    const response = await fetchImpl(`${url}/v1/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body,
      signal: options.signal ?? null,
    });
    if (response.ok) options.onProgress?.(size, size);
    return { status: response.status, response };
  } catch (error) {
    if ((error as { name?: string }).name === 'AbortError') throw error;
    throw new SwitchboardError('network', `The upload did not reach ${url}: ${String(error)}`, true);
  }
}

function viaXhr(
  Xhr: XhrConstructor,
  url: string,
  token: string,
  body: FormData,
  options: UploadOptions,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const xhr = new Xhr();
    xhr.open('POST', `${url}/v1/media`);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => options.onProgress?.(e.loaded, e.total);
    xhr.onload = () =>
      resolve({ status: xhr.status, response: new Response(xhr.responseText, { status: xhr.status }) });
    xhr.onerror = () => reject(new SwitchboardError('network', `The upload did not reach ${url}.`, true));
    xhr.onabort = () => reject(new DOMException('The upload was aborted.', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}
