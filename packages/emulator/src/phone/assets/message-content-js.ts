/**
 * Browser module `message-content.js`: what goes inside a bubble, per Cloud API message type
 * (docs/whatsapp-cloud-api.md §3 for what customers send, §5.2 for what businesses send), and the
 * tappable buttons under a business's interactive or template message.
 *
 * A message object is whatever a business or the emulator produced, so every field is read
 * defensively and unknown types fall back to the thread item's one-line preview.
 */
export const messageContentJs = String.raw`
import { arr, h, obj, str } from './dom.js';

const MEDIA = {
  image: { icon: '🖼️', label: 'Photo' },
  video: { icon: '🎬', label: 'Video' },
  audio: { icon: '🎵', label: 'Audio' },
  document: { icon: '📄', label: 'Document' },
  sticker: { icon: '🙂', label: 'Sticker' },
};

/**
 * ctx: { localMedia(id) -> object URL | undefined, answer(item, message), openList(item, action),
 * canAnswer: boolean }. Returns { body: Node[], buttons: Node[] }.
 */
export function renderContent(item, ctx) {
  if (item.revoked) {
    const who = item.direction === 'in' ? 'You deleted this message' : 'This message was deleted';
    return { body: [h('p', { class: 'revoked' }, '🚫 ' + who)], buttons: [] };
  }
  const message = obj(item.message);
  const type = str(message.type) || str(item.type) || 'unknown';
  const fallback = () => [text(item.preview || type)];
  switch (type) {
    case 'text':
      // An edit leaves the original message in place and updates the preview (the new text).
      return only([text((item.edited ? str(item.preview) : str(obj(message.text).body)) ?? item.preview ?? '')]);
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker':
      return only(media(type, obj(message[type]), ctx.localMedia(item.id)));
    case 'location':
      return only(location(obj(message.location)));
    case 'contacts':
      return only(contacts(arr(message.contacts), fallback));
    case 'interactive':
      return item.direction === 'out'
        ? interactiveFromBusiness(obj(message.interactive), item, ctx)
        : only(interactiveReply(obj(message.interactive), fallback));
    case 'button':
      return only([text(str(obj(message.button).text) ?? item.preview ?? '')]);
    case 'template':
      return template(obj(message.template), item, ctx);
    default:
      return only(fallback());
  }
}

function only(body) {
  return { body, buttons: [] };
}

function text(body) {
  return h('p', { class: 'text' }, body);
}

function media(type, m, localUrl) {
  const kind = MEDIA[type];
  const nodes = [];
  if (localUrl && (type === 'image' || type === 'sticker')) {
    nodes.push(h('img', { class: 'thumb', src: localUrl, alt: str(m.caption) || kind.label }));
  } else {
    let label = kind.label;
    if (type === 'document') label = str(m.filename) || label;
    if (type === 'audio' && m.voice === true) label = 'Voice message';
    const source = str(m.link) ? hostOf(m.link) : str(m.mime_type);
    nodes.push(
      h('div', { class: 'media media-' + type },
        h('span', { class: 'media-icon', 'aria-hidden': 'true' }, kind.icon),
        h('span', { class: 'media-text' }, h('span', { class: 'media-label' }, label),
          source ? h('span', { class: 'media-source' }, source) : null)),
    );
  }
  if (str(m.caption)) nodes.push(text(m.caption));
  return nodes;
}

function hostOf(link) {
  try {
    return new URL(link).host;
  } catch {
    return 'link';
  }
}

function location(l) {
  const lat = Number(l.latitude);
  const lon = Number(l.longitude);
  const coords = Number.isFinite(lat) && Number.isFinite(lon) ? lat.toFixed(5) + ', ' + lon.toFixed(5) : '';
  return [
    h('div', { class: 'location' },
      h('div', { class: 'map', 'aria-hidden': 'true' }, h('span', { class: 'pin' }, '📍')),
      h('div', { class: 'location-text' },
        h('strong', {}, str(l.name) || 'Location'),
        str(l.address) ? h('span', {}, l.address) : null,
        coords ? h('span', { class: 'coords' }, coords) : null)),
  ];
}

function contacts(list, fallback) {
  if (!list.length) return fallback();
  return list.map((c) => {
    const card = obj(c);
    const name = str(obj(card.name).formatted_name) || str(obj(card.name).first_name) || 'Contact';
    const phones = arr(card.phones).map((p) => str(obj(p).phone)).filter(Boolean);
    return h('div', { class: 'contact-card' },
      h('span', { class: 'media-icon', 'aria-hidden': 'true' }, '👤'),
      h('span', { class: 'media-text' }, h('span', { class: 'media-label' }, name),
        phones.length ? h('span', { class: 'media-source' }, phones.join(', ')) : null));
  });
}

function interactiveReply(i, fallback) {
  const reply = obj(i[i.type]);
  if (i.type === 'button_reply' && str(reply.title)) return [text(reply.title)];
  if (i.type === 'list_reply' && str(reply.title)) {
    return [text(reply.title), str(reply.description) ? h('p', { class: 'subtle' }, reply.description) : null];
  }
  if (i.type === 'nfm_reply') return [text(str(reply.body) || 'Form sent')];
  return fallback();
}

function interactiveFromBusiness(i, item, ctx) {
  const body = [];
  const header = obj(i.header);
  if (header.type === 'text' && str(header.text)) body.push(h('p', { class: 'i-header' }, header.text));
  else if (MEDIA[header.type]) body.push(...media(header.type, obj(header[header.type]), undefined));
  if (str(obj(i.body).text)) body.push(text(i.body.text));
  if (str(obj(i.footer).text)) body.push(h('p', { class: 'i-footer' }, i.footer.text));
  if (!body.length) body.push(text(item.preview || 'Interactive message'));

  const action = obj(i.action);
  const params = obj(action.parameters);
  const buttons = [];
  if (i.type === 'button') {
    for (const b of arr(action.buttons)) {
      const reply = obj(obj(b).reply);
      const title = str(reply.title) || str(reply.id) || 'Reply';
      buttons.push(tap('↩ ' + title, 'reply-button', ctx, () =>
        ctx.answer(item, { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: String(reply.id ?? ''), title } } })));
    }
  } else if (i.type === 'list') {
    buttons.push(tap('☰ ' + (str(action.button) || 'Choose'), 'list-button', ctx, () => ctx.openList(item, action)));
  } else if (i.type === 'cta_url') {
    buttons.push(inert('🔗 ' + (str(params.display_text) || 'Open link'), str(params.url)));
  } else if (i.type === 'flow') {
    buttons.push(inert('▤ ' + (str(params.flow_cta) || 'Open form'), 'Flows are not simulated'));
  } else if (i.type === 'location_request_message') {
    buttons.push(tap('📍 Send location', 'location-button', ctx, () => ctx.answer(item, sampleLocation())));
  }
  return { body, buttons };
}

/** Template bodies are defined at Meta, not in the send; the emulator's preview carries the text. */
function template(t, item, ctx) {
  const body = [h('p', { class: 'template-tag' }, '📋 ' + (str(t.name) || 'template') + ' · ' + (str(obj(t.language).code) || '?'))];
  const buttons = [];
  for (const c of arr(t.components)) {
    const component = obj(c);
    const type = String(component.type || '').toLowerCase();
    const first = obj(arr(component.parameters)[0]);
    if (type === 'header' && MEDIA[first.type]) body.push(...media(first.type, obj(first[first.type]), undefined));
    if (type === 'button' && component.sub_type === 'quick_reply') {
      const payload = str(first.payload) || 'button ' + String(component.index ?? '');
      buttons.push(tap('↩ ' + payload, 'quick-reply', ctx, () =>
        ctx.answer(item, { type: 'button', button: { payload, text: payload } })));
    }
    if (type === 'button' && component.sub_type === 'url') buttons.push(inert('🔗 Link button', str(first.text)));
  }
  // The emulator's preview is the filled-in text when it knows the template, else just its name;
  // then the body parameters are the best view of what the customer would read.
  if (item.preview && !item.preview.startsWith('📋')) body.push(text(item.preview));
  else {
    const values = arr(obj(arr(t.components).find((c) => String(obj(c).type).toLowerCase() === 'body')).parameters)
      .map((p) => str(obj(p).text) || str(obj(obj(p).currency).fallback_value) || str(obj(obj(p).date_time).fallback_value))
      .filter(Boolean);
    if (values.length) body.push(h('p', { class: 'subtle' }, 'Parameters: ' + values.join(' · ')));
  }
  return { body, buttons };
}

export function sampleLocation() {
  return {
    type: 'location',
    location: { latitude: 38.70775, longitude: -9.13652, name: 'Praça do Comércio', address: '1100-148 Lisboa, Portugal' },
  };
}

function tap(label, kind, ctx, onTap) {
  return h('button', { type: 'button', class: 'bubble-button ' + kind, disabled: !ctx.canAnswer, onclick: onTap }, label);
}

function inert(label, title) {
  return h('button', { type: 'button', class: 'bubble-button', disabled: true, title }, label);
}
`;
