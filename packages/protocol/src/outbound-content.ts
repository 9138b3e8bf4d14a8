import type { SendMessageBody } from './send-request.js';

// Types only from the send schemas: the SDK shows this content for a send still in flight, and
// must not pull the schemas (and zod) into a browser bundle.

/**
 * The `content` we store on an outbound message: the shape an inbound message of the same type
 * has (docs/inbound-types.md), so clients render both directions alike. Types that only go out
 * keep what a client shows: an interactive message its parts (`body` as text, `action` as sent), a
 * template its name, language code and components. What we cannot know is null, such as whether
 * a sticker is animated.
 */
export function normalizedOutboundContent(body: SendMessageBody): Record<string, unknown> {
  switch (body.type) {
    case 'text':
      return { body: body.text.body };
    case 'image':
    case 'video':
      return { caption: body.media.caption ?? null };
    case 'document':
      return { caption: body.media.caption ?? null, filename: body.media.filename ?? null };
    case 'audio':
      // We send audio files, never voice notes (which need `voice: true` on the send).
      return { voice: false };
    case 'sticker':
      return { animated: null };
    case 'location':
      return {
        latitude: body.location.latitude,
        longitude: body.location.longitude,
        name: body.location.name ?? null,
        address: body.location.address ?? null,
        url: null,
      };
    case 'contacts':
      return { contacts: body.contacts };
    case 'interactive': {
      const { type, header, footer, action } = body.interactive;
      return {
        type,
        header: header ?? null,
        body: body.interactive.body.text,
        footer: footer?.text ?? null,
        action,
      };
    }
    case 'template':
      return {
        name: body.template.name,
        language: body.template.language.code,
        components: body.template.components ?? [],
      };
    case 'reaction':
      return { emoji: body.reaction.emoji === '' ? null : body.reaction.emoji };
  }
}
