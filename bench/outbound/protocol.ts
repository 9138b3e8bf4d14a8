/** What the parent tells the emulator process (bench/outbound/emulator-process.ts) at start, as JSON in BENCH_EMULATOR_CONFIG. */
export interface EmulatorProcessConfig {
  port: number;
  webhookUrl: string;
  appSecret: string;
  verifyToken: string;
  accessToken: string;
  phoneNumberId: string;
  /** The emulator's own 130429 limit: far above the one under test, so it never refuses. */
  throughputPerSecond: number;
  /** Customer wa_ids, in the order the load generator rotates through them. */
  waIds: string[];
}

/** Parent → emulator process. Every command is answered with a message of the same `type`. */
export type EmulatorCommand =
  /** Each customer sends one text, which opens (or refreshes) its 24-hour window. */
  | { type: 'open-windows' }
  /** Keeps new webhooks `withheld` (on) or delivers them again (off). */
  | { type: 'withhold'; on: boolean }
  /** Clears threads, windows, limiters and the delivery log (withheld webhooks included). */
  | { type: 'reset' }
  /** Resolves once no webhook is in flight or due. */
  | { type: 'idle' }
  /** How many business messages tagged `tag` the customers have received so far. */
  | { type: 'count'; tag: string }
  /** Every business message tagged `tag`: its sequence number and when the emulator accepted it. */
  | { type: 'collect'; tag: string };

export type EmulatorAnswer =
  | { type: 'open-windows' | 'withhold' | 'reset' | 'idle' }
  | { type: 'count'; count: number }
  /** `receipts[i]` is `[sequence, acceptedAtMs]` (emulator clock: Date.now, whole milliseconds). */
  | { type: 'collect'; receipts: [number, number][] };

/** The text of load message `sequence` of a phase, and how the emulator side reads it back. */
export function stampedText(tag: string, sequence: number): string {
  return `bench ${tag}#${sequence}`;
}

export function sequenceOf(tag: string, text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const prefix = `bench ${tag}#`;
  return text.startsWith(prefix) ? Number(text.slice(prefix.length)) : null;
}
