import type { SwitchboardEvent } from '@switchboard/protocol';

/**
 * One event as the hub fans it out: the wire encodings are computed once, on first use, and shared
 * by every subscriber, so a fan-out to N connections serializes the event once, not N times.
 */
export class HubEvent {
  private cachedJson: string | undefined;
  private cachedWsFrame: string | undefined;
  private cachedSseFrame: string | undefined;

  constructor(readonly event: SwitchboardEvent) {}

  get seq(): number {
    return this.event.seq;
  }

  get json(): string {
    return (this.cachedJson ??= JSON.stringify(this.event));
  }

  /** An `EventFrame` (`{"type":"event","event":{…}}`), built as a string around the shared JSON. */
  get wsFrame(): string {
    return (this.cachedWsFrame ??= `{"type":"event","event":${this.json}}`);
  }

  /** `id:` seq, `event:` type, `data:` the event; JSON.stringify never emits a raw newline. */
  get sseFrame(): string {
    return (this.cachedSseFrame ??= `id: ${this.event.seq}\nevent: ${this.event.type}\ndata: ${this.json}\n\n`);
  }
}
