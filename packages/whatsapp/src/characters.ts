/**
 * Characters as people count them (Unicode code points): the lenient reading of Meta's length
 * limits, so a text of emoji that WhatsApp accepts is not refused for its UTF-16 length.
 */
export function characterCount(text: string): number {
  return [...text].length;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/**
 * Whether a text is exactly one emoji, as a reaction's `emoji` must be: one grapheme cluster (which
 * covers skin tones, flags and ZWJ sequences) that contains an emoji code point. `""` is not one.
 */
export function isSingleEmoji(text: string): boolean {
  return [...graphemes.segment(text)].length === 1 && EMOJI.test(text);
}
