import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LinkedText } from './linked-text.js';

const html = (text: string) => renderToStaticMarkup(<LinkedText text={text} />);

describe('message text', () => {
  it('is text: markup in a message is escaped, never interpreted', () => {
    const out = html('<img src=x onerror=alert(1)><script>alert(2)</script>');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<script');
    expect(out).toContain('&lt;script&gt;');
  });

  it('makes http(s) links clickable, opening safely, and nothing else', () => {
    const out = html('See https://bank.example/case?id=1. Or javascript:alert(1) or www.bank.example');
    expect(out).toContain(
      '<a href="https://bank.example/case?id=1" target="_blank" rel="noopener noreferrer nofollow">https://bank.example/case?id=1</a>.',
    );
    expect(out).toContain('href="https://www.bank.example"');
    expect(out).not.toContain('href="javascript');
  });

  it('shows WhatsApp’s bold, italic, strike and monospace', () => {
    expect(html('*bold* _it_ ~gone~ ```code```')).toBe(
      '<strong>bold</strong> <em>it</em> <s>gone</s> <code>code</code>',
    );
  });
});
