import type { Message } from '@switchboard/protocol';
import { useMedia } from '@switchboard/react';
import { formatSize } from '../format.js';

type MediaMessage = Extract<Message, { type: 'image' | 'video' | 'audio' | 'document' | 'sticker' }>;

const noun: Record<MediaMessage['type'], string> = {
  image: 'photo',
  video: 'video',
  audio: 'audio',
  document: 'document',
  sticker: 'sticker',
};

/**
 * A message's file through the authorized media endpoint: a placeholder while the server is still
 * downloading it from WhatsApp (it appears by itself when ready), a retry when it failed.
 */
export function MediaContent({ message }: { message: MediaMessage }) {
  const media = useMedia(message.media);
  const what = noun[message.type];
  if (message.type === 'document') {
    const name = message.content.filename ?? message.media?.filename ?? 'Document';
    return (
      <div className="sb-document">
        <span aria-hidden="true">📄</span>
        <span>
          {media.status === 'ready' && media.url ? (
            <a href={media.url} download={name}>
              {name}
            </a>
          ) : (
            <span>{name}</span>
          )}
          <br />
          <small>
            {[message.media?.mimeType, formatSize(message.media?.size)].filter(Boolean).join(' · ')}
            {media.status === 'pending' && ' · downloading…'}
          </small>
          {media.status === 'failed' && <MediaFailed what={what} retry={media.retry} />}
        </span>
      </div>
    );
  }
  if (media.status !== 'ready' || !media.url) {
    return (
      <div className="sb-media-box">
        {media.status === 'failed' ? (
          <MediaFailed what={what} retry={media.retry} />
        ) : media.status === 'none' ? (
          <span>The {what} is not available.</span>
        ) : (
          <span>{media.status === 'pending' ? `Receiving ${what}…` : `Loading ${what}…`}</span>
        )}
      </div>
    );
  }
  switch (message.type) {
    case 'image':
    case 'sticker':
      return (
        <img
          className={message.type === 'sticker' ? 'sb-media-frame sb-sticker' : 'sb-media-frame'}
          src={media.url}
          alt={message.type === 'sticker' ? 'Sticker' : (message.content.caption ?? 'Photo')}
        />
      );
    case 'video':
      return (
        <video className="sb-media-frame" src={media.url} controls preload="metadata" aria-label="Video" />
      );
    case 'audio':
      return (
        <audio
          className="sb-media-frame"
          src={media.url}
          controls
          preload="metadata"
          aria-label={message.content.voice ? 'Voice message' : 'Audio'}
        />
      );
  }
}

function MediaFailed({ what, retry }: { what: string; retry: () => void }) {
  return (
    <span>
      The {what} could not be loaded.{' '}
      <button type="button" className="sb-button sb-button-small" onClick={retry}>
        Try again
      </button>
    </span>
  );
}
