import { Fragment, type ReactNode } from 'react';

// http(s) links and bare www. hosts; anything else (javascript:, data:) stays text.
const linkPattern = /\b(?:https?:\/\/|www\.)[^\s<>"']+[^\s<>"'.,;:!?)\]}]/gi;
// WhatsApp's own markup: *bold*, _italic_, ~strike~, ```monospace```, each within one line.
const stylePattern = /```([^`\n]+)```|\*([^*\n]+)\*|_([^_\n]+)_|~([^~\n]+)~/g;

/**
 * Message text as WhatsApp shows it: links clickable, *bold*, _italic_, ~strike~ and
 * ```monospace``` styled. Built from React elements only: the text can never become HTML, and a
 * link can only ever be http(s).
 */
export function LinkedText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(linkPattern)) {
    const start = match.index;
    if (start > last) parts.push(<Styled key={`t${last}`} text={text.slice(last, start)} />);
    const href = match[0].startsWith('www.') ? `https://${match[0]}` : match[0];
    parts.push(
      <a key={`a${start}`} href={href} target="_blank" rel="noopener noreferrer nofollow">
        {match[0]}
      </a>,
    );
    last = start + match[0].length;
  }
  if (last < text.length) parts.push(<Styled key={`t${last}`} text={text.slice(last)} />);
  return <>{parts}</>;
}

function Styled({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(stylePattern)) {
    const start = match.index;
    if (start > last) parts.push(text.slice(last, start));
    const [, mono, bold, italic, strike] = match;
    if (mono !== undefined) parts.push(<code key={start}>{mono}</code>);
    else if (bold !== undefined) parts.push(<strong key={start}>{bold}</strong>);
    else if (italic !== undefined) parts.push(<em key={start}>{italic}</em>);
    else parts.push(<s key={start}>{strike}</s>);
    last = start + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <Fragment>{parts}</Fragment>;
}
