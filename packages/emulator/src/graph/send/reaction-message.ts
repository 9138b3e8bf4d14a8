import { invalidValue, missingParam, type Params } from './params.js';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/**
 * `"reaction":{"message_id","emoji"}`. An empty emoji removes the business's reaction; any other
 * value must be exactly one emoji (one grapheme cluster, which covers skin tones, flags and ZWJ
 * sequences).
 */
export function checkReactionMessage(reaction: Params): void {
  reaction.allowOnly(['message_id', 'emoji']);
  reaction.string('message_id');
  if (!reaction.has('emoji')) throw missingParam(reaction.pathOf('emoji'));
  const emoji = reaction.string('emoji', { allowEmpty: true });
  if (emoji === '') return;
  const clusters = [...graphemes.segment(emoji)].length;
  if (clusters !== 1 || !EMOJI.test(emoji)) {
    throw invalidValue(reaction.pathOf('emoji'), 'must be a single emoji, or "" to remove the reaction');
  }
}
