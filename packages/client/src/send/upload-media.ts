import { errorFromResponse, unreachable } from '../errors.js';
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
  const once = (token: string) => {
    const body = new FormData();
    body.append('file', file, options.filename ?? (file as Blob & { name?: string }).name ?? 'file');
    const target = `${url}/v1/media`;
    return Xhr
      ? viaXhr(Xhr, target, token, body, options)
      : viaFetch(fetchImpl, target, token, body, options, file.size);
  };
  let answer = await once(await rest.token());
  if (answer.status === 401) answer = await once(await rest.token(true));
  if (!answer.ok) throw await errorFromResponse(answer);
  return (await answer.json()) as UploadedMedia;
}

async function viaFetch(
  fetchImpl: typeof fetch,
  url: string,
  token: string,
  body: FormData,
  options: UploadOptions,
  size: number,
): Promise<Response> {
  try {
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body,
      signal: options.signal ?? null,
    });
    if (response.ok) options.onProgress?.(size, size);
    return response;
  } catch (error) {
    throw unreachable(url, error);
  }
}

function viaXhr(
  Xhr: XhrConstructor,
  url: string,
  token: string,
  body: FormData,
  options: UploadOptions,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new Xhr();
    xhr.open('POST', url);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => options.onProgress?.(e.loaded, e.total);
    xhr.onload = () => resolve(new Response(xhr.responseText, { status: xhr.status }));
    xhr.onerror = () => reject(unreachable(url, 'no answer'));
    xhr.onabort = () => reject(new DOMException('Upload aborted.', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}
