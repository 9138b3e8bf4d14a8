import type { Message, MessageOf } from '@switchboard/protocol';
import { LinkedText } from './linked-text.js';
import { MediaContent } from './media-content.js';

/** The body of a bubble for each message type, as WhatsApp shows it; every string as text. */
export function MessageContent({ message }: { message: Message }) {
  switch (message.type) {
    case 'text':
      return <LinkedText text={message.content.body} />;
    case 'image':
    case 'video':
      return (
        <>
          <MediaContent message={message} />
          {message.content.caption && <LinkedText text={message.content.caption} />}
        </>
      );
    case 'audio':
    case 'sticker':
      return <MediaContent message={message} />;
    case 'document':
      return (
        <>
          <MediaContent message={message} />
          {message.content.caption && <LinkedText text={message.content.caption} />}
        </>
      );
    case 'location':
      return <LocationContent message={message} />;
    case 'contacts':
      return <ContactsContent message={message} />;
    case 'interactive':
      return <InteractiveContent message={message} />;
    case 'button':
      return (
        <span>
          <span aria-hidden="true">↩ </span>
          {message.content.text ?? 'Button'}
        </span>
      );
    case 'order':
      return <OrderContent message={message} />;
    case 'system':
      return <span>{message.content.body ?? 'The customer’s account changed.'}</span>;
    case 'template':
      return <TemplateContent message={message} />;
    case 'unsupported': {
      const reason = message.content.errors[0];
      return (
        <span className="sb-bubble-flag">
          This message cannot be shown here
          {message.content.originalType ? ` (${message.content.originalType})` : ''}
          {reason ? `: ${sentence(reason.message || reason.title)}` : '.'} Ask the customer to send it
          differently.
        </span>
      );
    }
    case 'reaction':
      return <span>{message.content.emoji ?? 'Reaction removed'}</span>;
    case 'edit':
    case 'revoke':
      return null;
  }
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

function LocationContent({ message }: { message: MessageOf<'location'> }) {
  const { latitude, longitude, name, address, url } = message.content;
  const map = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=16/${latitude}/${longitude}`;
  return (
    <div className="sb-card">
      <div className="sb-card-title">
        <span aria-hidden="true">📍 </span>
        {name ?? 'Location'}
      </div>
      {address && <div>{address}</div>}
      <a href={map} target="_blank" rel="noopener noreferrer nofollow">
        {latitude.toFixed(5)}, {longitude.toFixed(5)} on the map
      </a>
      {url && /^https?:\/\//i.test(url) && (
        <div>
          <a href={url} target="_blank" rel="noopener noreferrer nofollow">
            {url}
          </a>
        </div>
      )}
    </div>
  );
}

interface VCard {
  name?: { formatted_name?: string };
  phones?: { phone?: string; wa_id?: string; type?: string }[];
  emails?: { email?: string }[];
  org?: { company?: string };
}

function ContactsContent({ message }: { message: MessageOf<'contacts'> }) {
  return (
    <>
      {(message.content.contacts as VCard[]).map((contact, index) => (
        <div className="sb-card" key={index}>
          <div className="sb-card-title">
            <span aria-hidden="true">👤 </span>
            {contact.name?.formatted_name ?? 'Contact'}
          </div>
          {contact.org?.company && <div>{contact.org.company}</div>}
          {(contact.phones ?? []).map((phone, i) => (
            <div key={`p${i}`}>
              {phone.phone ?? phone.wa_id}
              {phone.type ? ` (${phone.type})` : ''}
            </div>
          ))}
          {(contact.emails ?? []).map((email, i) => (
            <div key={`e${i}`}>{email.email}</div>
          ))}
        </div>
      ))}
    </>
  );
}

function InteractiveContent({ message }: { message: MessageOf<'interactive'> }) {
  const c = message.content;
  if (c.type === 'button_reply' || c.type === 'list_reply') {
    const description = 'description' in c ? c.description : null;
    return (
      <span>
        <span aria-hidden="true">↩ </span>
        {('title' in c && c.title) || 'Reply'}
        {description && <small> — {description}</small>}
      </span>
    );
  }
  if (c.type === 'flow_reply' && 'responseJson' in c) {
    return (
      <div className="sb-card">
        <div className="sb-card-title">Form sent{c.name ? `: ${c.name}` : ''}</div>
        {c.body && <div>{c.body}</div>}
        {c.response !== null && typeof c.response === 'object' && (
          <dl className="sb-fields">
            {Object.entries(c.response as Record<string, unknown>)
              .filter(([key]) => key !== 'flow_token')
              .map(([key, value]) => (
                <div key={key}>
                  <dt>{key}</dt>
                  <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
                </div>
              ))}
          </dl>
        )}
      </div>
    );
  }
  if ('body' in c && typeof c.body === 'string' && 'action' in c) {
    const action = c.action as {
      buttons?: { reply?: { title?: string } }[];
      button?: string;
      parameters?: { display_text?: string };
    };
    const buttons = (action.buttons ?? []).map((b) => b.reply?.title).filter(Boolean) as string[];
    if (action.button) buttons.push(action.button);
    if (action.parameters?.display_text) buttons.push(action.parameters.display_text);
    const header = c.header as { text?: string } | null;
    return (
      <div>
        {header?.text && <div className="sb-card-title">{header.text}</div>}
        <LinkedText text={c.body} />
        {c.footer && <div className="sb-bubble-flag">{c.footer}</div>}
        {buttons.length > 0 && (
          <div className="sb-card-buttons">
            {buttons.map((title, i) => (
              <span className="sb-card-button" key={i}>
                {title}
              </span>
            ))}
          </div>
        )}
      </div>
    );
  }
  return <span className="sb-bubble-flag">Interactive message ({c.type})</span>;
}

function OrderContent({ message }: { message: MessageOf<'order'> }) {
  const { productItems, text } = message.content;
  return (
    <div className="sb-card">
      <div className="sb-card-title">
        <span aria-hidden="true">🛒 </span>Order, {productItems.length}{' '}
        {productItems.length === 1 ? 'item' : 'items'}
      </div>
      <ul>
        {productItems.map((item, i) => (
          <li key={i}>
            {item.quantity ?? 1} × {item.productRetailerId ?? 'item'}
            {item.itemPrice != null && ` — ${item.itemPrice} ${item.currency ?? ''}`}
          </li>
        ))}
      </ul>
      {text && <LinkedText text={text} />}
    </div>
  );
}

interface SentComponent {
  type?: string;
  sub_type?: string;
  parameters?: { type?: string; text?: string; payload?: string }[];
}

function TemplateContent({ message }: { message: MessageOf<'template'> }) {
  const components = message.content.components as SentComponent[];
  const values = (type: string) =>
    components
      .filter((c) => c.type?.toLowerCase() === type)
      .flatMap((c) => c.parameters ?? [])
      .map((p) => p.text ?? p.payload ?? `[${p.type ?? 'parameter'}]`);
  const header = values('header');
  const body = values('body');
  return (
    <div className="sb-card">
      <div className="sb-card-title">
        Template “{message.content.name}” ({message.content.language})
      </div>
      {header.length > 0 && <div>Header: {header.join(', ')}</div>}
      {body.length > 0 && <div>{body.join(' · ')}</div>}
    </div>
  );
}
