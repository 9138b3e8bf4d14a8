import type { Message } from '@switchboard/protocol';

/** A failed message in plain words: what happened, what to do, and whether a template helps. */
export interface FailureReason {
  /** One short sentence, shown inline and in the status mark's accessible name. */
  readonly summary: string;
  /** What the agent can do next. */
  readonly action: string;
  /** The provider's (or Switchboard's) code, shown so that support can look it up. */
  readonly code: string | null;
  /** Only a template can reach the customer now (window closed, 131047). */
  readonly needsTemplate: boolean;
  readonly retryable: boolean;
}

interface Known {
  summary: string;
  action: string;
  needsTemplate?: boolean;
}

// The Cloud API's error codes an agent meets most (docs/sending.md lists them with their meaning).
const known: Record<string, Known> = {
  window_closed: {
    summary: 'The 24-hour window is closed.',
    action: 'Only a template can reach the customer now: pick one below.',
    needsTemplate: true,
  },
  '131047': {
    summary: 'More than 24 hours have passed since the customer last wrote.',
    action: 'Send a template instead; free text is only allowed within 24 hours.',
    needsTemplate: true,
  },
  '470': {
    summary: 'More than 24 hours have passed since the customer last wrote.',
    action: 'Send a template instead.',
    needsTemplate: true,
  },
  '131026': {
    summary: 'WhatsApp could not deliver this message to the number.',
    action: 'The number may not use WhatsApp, or the app is outdated. Check the number or call the customer.',
  },
  '131049': {
    summary: 'WhatsApp held this marketing message back to protect the customer from too many.',
    action: 'Try again later, or reach the customer another way.',
  },
  '131050': {
    summary: 'The customer has stopped marketing messages from this business.',
    action: 'Do not send marketing templates to this customer.',
  },
  '131051': {
    summary: 'WhatsApp does not support this kind of message.',
    action: 'Send it as text or a file.',
  },
  '131052': {
    summary: 'The customer’s file could not be downloaded.',
    action: 'Ask the customer to send it again.',
  },
  '131053': {
    summary: 'The file could not be uploaded to WhatsApp.',
    action: 'Check its type and size, then send it again.',
  },
  '131056': {
    summary: 'Too many messages to this customer in a short time.',
    action: 'Wait a moment, then retry.',
  },
  '130429': { summary: 'The number is sending faster than WhatsApp allows.', action: 'Retry in a moment.' },
  '131021': {
    summary: 'This is the business’s own number.',
    action: 'Send to the customer’s number instead.',
  },
  '131008': {
    summary: 'A required part of the message is missing.',
    action: 'Fill in every field and send again.',
  },
  '131009': { summary: 'A part of the message is not valid.', action: 'Correct the message and send again.' },
  '132000': {
    summary: 'The template’s parameters do not match what it expects.',
    action: 'Fill in every placeholder of the template.',
  },
  '132001': {
    summary: 'This template does not exist in that language.',
    action: 'Pick another template or sync the templates.',
  },
  '132015': { summary: 'This template is paused for low quality.', action: 'Pick another template.' },
  '132016': { summary: 'This template is disabled.', action: 'Pick another template.' },
  '131000': {
    summary: 'WhatsApp reported an unknown error.',
    action: 'Retry; if it happens again, tell support.',
  },
  '131016': { summary: 'WhatsApp is unavailable right now.', action: 'Retry in a moment.' },
  '133010': { summary: 'The business number is not registered.', action: 'Tell your administrator.' },
};

/** Reads a failed message's error; null when the message has not failed. */
export function failureReason(message: Pick<Message, 'status' | 'error'>): FailureReason | null {
  if (message.status !== 'failed') return null;
  const error = message.error;
  const code = error ? String(error.code) : null;
  const entry = code !== null ? known[code] : undefined;
  const retryable = error?.retryable ?? false;
  if (entry) {
    return {
      summary: entry.summary,
      action: entry.action,
      code,
      needsTemplate: entry.needsTemplate ?? false,
      retryable,
    };
  }
  const text = error?.message || error?.title || 'The message could not be sent.';
  return {
    summary: /[.!?]$/.test(text) ? text : `${text}.`,
    action: retryable ? 'You can retry.' : 'Change the message, or reach the customer another way.',
    code,
    needsTemplate: false,
    retryable,
  };
}
