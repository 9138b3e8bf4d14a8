import type { InboundBatch, InboundChange } from '../../domain/inbound-batch.js';
import { normalizeContact } from './normalize-contact.js';
import { normalizeErrors } from './normalize-error.js';
import { normalizeMessage } from './normalize-message.js';
import { normalizeStatus } from './normalize-status.js';
import { isRecord, readField, readList, readRecord, readString } from './read-json.js';

export interface NormalizeOptions {
  /** The clock for messages and statuses without a usable timestamp. */
  now?: () => number;
}

// A hostile payload can hold a million broken messages, or ids of megabytes quoted in a problem;
// the batch says so without a million lines or megabytes of log.
const maxProblems = 200;
const maxProblemLength = 300;

/**
 * A Cloud API webhook body (docs/whatsapp-cloud-api.md §2–§4) as an InboundBatch. Total: for any
 * JSON value it returns a batch and never throws; nothing here recurses without a bound. Every entry,
 * change, message, status and change-level error is visited (Meta batches them, and reading only
 * `[0]` loses events). Changes for the same `phone_number_id` are merged into one InboundChange.
 * Other `object`s and other `field`s land in `ignored`; unreadable parts land in `problems` with
 * their path, and the rest of the batch is still returned.
 */
export function normalizeMetaWebhook(payload: unknown, options: NormalizeOptions = {}): InboundBatch {
  const batch: InboundBatch = { changes: [], ignored: [], problems: [] };
  let dropped = 0;
  const report = (problem: string) => {
    if (batch.problems.length >= maxProblems) dropped += 1;
    else
      batch.problems.push(
        problem.length > maxProblemLength ? `${problem.slice(0, maxProblemLength)}…` : problem,
      );
  };
  try {
    const now = options.now?.() ?? Date.now();
    readEnvelope(payload, now, batch, report);
  } catch (error) {
    // Unreachable for parsed JSON; a guard for values with throwing getters or proxies.
    report(`payload could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (dropped > 0) batch.problems.push(`… and ${dropped} more problems`);
  return batch;
}

type Report = (problem: string) => void;

function readEnvelope(payload: unknown, now: number, batch: InboundBatch, report: Report): void {
  if (!isRecord(payload)) {
    report('payload is not a JSON object');
    return;
  }
  const object = readField(payload, 'object');
  if (object !== 'whatsapp_business_account') {
    const name = typeof object === 'string' ? `"${object.slice(0, 100)}"` : 'missing';
    batch.ignored.push({ reason: `object ${name} is not whatsapp_business_account` });
    return;
  }
  const entries = readList(payload, 'entry');
  if (entries === null) return report('entry is not an array');
  const byNumber = new Map<string, InboundChange>();
  entries.forEach((entry, e) => {
    const changes = readList(entry, 'changes');
    if (changes === null) return report(`entry[${e}]: changes is not an array`);
    changes.forEach((change, c) => {
      const at = `entry[${e}].changes[${c}]`;
      const scoped: Report = (problem) => report(`${at}: ${problem}`);
      try {
        readChange(change, now, byNumber, batch, scoped);
      } catch (error) {
        scoped(`could not be read: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  });
  for (const change of byNumber.values()) batch.changes.push(change);
}

function readChange(
  change: unknown,
  now: number,
  byNumber: Map<string, InboundChange>,
  batch: InboundBatch,
  report: Report,
): void {
  if (!isRecord(change)) return report('change is not an object');
  const field = readString(change, 'field');
  if (field !== 'messages') {
    batch.ignored.push(
      field === null
        ? { reason: 'change without a field name' }
        : { reason: 'field not handled', field: field.slice(0, 200) },
    );
    return;
  }
  const value = readRecord(change, 'value');
  const metadata = readRecord(value, 'metadata');
  const phoneNumberId = readString(metadata, 'phone_number_id');
  if (phoneNumberId === null || phoneNumberId.length === 0) {
    return report('messages change without a string metadata.phone_number_id; not routable, skipped');
  }
  let target = byNumber.get(phoneNumberId);
  if (target === undefined) {
    target = {
      phoneNumberId,
      displayPhoneNumber: null,
      contacts: [],
      messages: [],
      statuses: [],
      errors: [],
    };
    byNumber.set(phoneNumberId, target);
  }
  target.displayPhoneNumber ??= readString(metadata, 'display_phone_number');
  readValue(value, now, target, report);
}

function readValue(value: unknown, now: number, target: InboundChange, report: Report): void {
  eachOf(value, 'contacts', report, (item, at) => {
    const contact = normalizeContact(item);
    if (contact === null) report(`${at}: not an object; skipped`);
    else target.contacts.push(contact);
  });
  eachOf(value, 'messages', report, (item, at) => {
    const message = normalizeMessage(item, now, (problem) => report(`${at}: ${problem}`));
    if (message !== null) target.messages.push(message);
  });
  eachOf(value, 'statuses', report, (item, at) => {
    const status = normalizeStatus(item, now, (problem) => report(`${at}: ${problem}`));
    if (status !== null) target.statuses.push(status);
  });
  const errors = readField(value, 'errors');
  if (errors !== undefined && !Array.isArray(errors)) report('value.errors is not an array');
  // A loop, not push(...spread): a spread of a huge array overflows the argument limit.
  for (const error of normalizeErrors(errors)) target.errors.push(error);
}

/** Calls `visit` for every item of `value[key]`, reporting a present `key` that is not an array. */
function eachOf(
  value: unknown,
  key: string,
  report: Report,
  visit: (item: unknown, at: string) => void,
): void {
  const items = readField(value, key);
  if (items === undefined) return;
  if (!Array.isArray(items)) return report(`value.${key} is not an array`);
  items.forEach((item, i) => {
    const at = `value.${key}[${i}]`;
    try {
      visit(item, at);
    } catch (error) {
      report(`${at}: could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}
