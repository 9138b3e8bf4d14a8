import { mediaSourceOf, type MediaPart, type SendMessageBody } from '@switchboard/protocol';
import { BIZ_OPAQUE_CALLBACK_DATA_MAX_LENGTH } from '@switchboard/whatsapp';

/** Our ids in a send body, resolved to the provider's at send time. */
export interface GraphSendRefs {
  /** The recipient's phone digits (the conversation's wa_id). */
  readonly to: string;
  /** The wamid of the message the body's `replyTo` quotes; null sends without a quote. */
  readonly replyToProviderMessageId: string | null;
  /** The wamid of the message a reaction is for; required for reactions. */
  readonly reactionTargetProviderMessageId: string | null;
  /**
   * The provider's media id for our media id in the body (`sendBodyMediaId`: the media of a media
   * message, or of an interactive or template header). Required when the body names our media by
   * id; for a media message it also wins over `url`.
   */
  readonly providerMediaId: string | null;
  /** Echoed by Meta in every status webhook (at most 512 characters; "" sends none). */
  readonly bizOpaqueCallbackData: string;
}

/**
 * The Cloud API request body of `POST /{phone-number-id}/messages` for one of our send bodies
 * (docs/whatsapp-cloud-api.md §5.1–5.2). Contacts, interactive and template objects already use
 * the Cloud API's field names and pass through, except that our media ids become the provider's.
 * Throws when a reference the body needs was not resolved: that is a bug of the caller, and
 * sending without it would send something else than what was asked.
 */
export function buildGraphSend(body: SendMessageBody, refs: GraphSendRefs): Record<string, unknown> {
  if ([...refs.bizOpaqueCallbackData].length > BIZ_OPAQUE_CALLBACK_DATA_MAX_LENGTH) {
    throw new RangeError(
      `biz_opaque_callback_data must be at most ${BIZ_OPAQUE_CALLBACK_DATA_MAX_LENGTH} characters`,
    );
  }
  const quoted = body.type !== 'reaction' ? refs.replyToProviderMessageId : null;
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: refs.to,
    type: body.type,
    ...(quoted !== null && { context: { message_id: quoted } }),
    [body.type]: typeObject(body, refs),
    // Meta answers "" as a missing parameter, so an empty value is left out.
    ...(refs.bizOpaqueCallbackData !== '' && { biz_opaque_callback_data: refs.bizOpaqueCallbackData }),
  };
}

/** The object under the message's `type` key (an array for `contacts`). */
function typeObject(body: SendMessageBody, refs: GraphSendRefs): unknown {
  switch (body.type) {
    case 'text':
      return {
        body: body.text.body,
        ...(body.text.previewUrl !== undefined && { preview_url: body.text.previewUrl }),
      };
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker': {
      const media: Record<string, string | undefined> = body.media;
      return {
        ...mediaSource(body.type, media, refs.providerMediaId),
        ...(media.caption !== undefined && { caption: media.caption }),
        ...(media.filename !== undefined && { filename: media.filename }),
      };
    }
    case 'location':
      return { ...body.location };
    case 'contacts':
      return body.contacts;
    case 'interactive': {
      const { header } = body.interactive;
      return {
        ...body.interactive,
        ...(header !== undefined && { header: withProviderMedia(header, refs.providerMediaId) }),
      };
    }
    case 'template': {
      const { components } = body.template;
      return {
        ...body.template,
        ...(components !== undefined && {
          components: components.map((component) =>
            component.type === 'header'
              ? {
                  ...component,
                  parameters: component.parameters.map((p) => withProviderMedia(p, refs.providerMediaId)),
                }
              : component,
          ),
        }),
      };
    }
    case 'reaction': {
      const target = refs.reactionTargetProviderMessageId;
      if (target === null) {
        throw new Error(`the reacted-to message ${body.reaction.messageId} has no provider message id`);
      }
      return { message_id: target, emoji: body.reaction.emoji };
    }
  }
}

function mediaSource(
  type: string,
  media: { id?: string | undefined; url?: string | undefined },
  providerMediaId: string | null,
): { id: string } | { link: string } {
  if (providerMediaId !== null) return { id: providerMediaId };
  if (media.url !== undefined) return { link: media.url };
  throw new Error(`the ${type} media ${media.id} has no provider media id; upload it to the provider first`);
}

/** A header (or header parameter) with our media id replaced by the provider's; links stay. */
function withProviderMedia<Part extends MediaPart>(part: Part, providerMediaId: string | null): Part {
  const source = mediaSourceOf(part);
  if (source?.id === undefined) return part;
  if (providerMediaId === null) {
    throw new Error(`the ${part.type} header media ${source.id} has no provider media id`);
  }
  return { ...part, [part.type]: { ...source, id: providerMediaId } };
}
