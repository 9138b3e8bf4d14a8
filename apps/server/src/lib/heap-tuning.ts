import { setFlagsFromString } from 'node:v8';

/**
 * Turns off V8's allocation-site pretenuring for the gateway process; `switchboard start` calls it
 * before anything is built.
 *
 * V8 allocates an object straight into the old generation when objects from the same allocation
 * site tended to survive scavenges. The inbox worker's transactions keep objects alive across many
 * awaits, and some of the sites they share with the webhook receiver (promises, closures, buffers)
 * were then pretenured: the receiver's request objects, which live for milliseconds, went to the
 * old generation, and the main thread spent 15 % of its time in GC instead of 6–7 %. With the flag,
 * the ingest benchmark answered about a quarter more webhooks per second at 256 connections (docs/
 * benchmarks.md). It only changes where new objects start; it needs no more memory.
 *
 * The flag is read when a scavenge decides what to pretenure, so setting it at start-up, before
 * the first request, takes effect (the benchmark measures the product started this way).
 */
export function disablePretenuring(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
