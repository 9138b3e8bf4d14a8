import { WEBHOOK_RETRY_WINDOW_MS } from '@switchboard/whatsapp';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Delays between delivery attempts when the app does not answer 200. Meta documents "exponential
 * backoff" with "decreasing frequency … for up to 7 days" without the exact steps
 * (docs/whatsapp-cloud-api.md §1.3); this schedule doubles from 15 s up to a day, then retries
 * daily, and its total stays within the 7-day window. Tests pass a compressed schedule instead.
 */
export const DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS: readonly number[] = Object.freeze(buildDefaultSchedule());

function buildDefaultSchedule(): number[] {
  const schedule: number[] = [];
  let total = 0;
  let delay = 15 * SECOND;
  for (;;) {
    const step = Math.min(delay, 24 * HOUR);
    if (total + step > WEBHOOK_RETRY_WINDOW_MS) break;
    schedule.push(step);
    total += step;
    delay *= 2;
  }
  return schedule;
}
