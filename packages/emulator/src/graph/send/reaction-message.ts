import { isSingleEmoji } from '@switchboard/whatsapp';
import { invalidValue, missingParam, type Params } from './params.js';

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
  if (!isSingleEmoji(emoji)) {
    throw invalidValue(reaction.pathOf('emoji'), 'must be a single emoji, or "" to remove the reaction');
  }
}
