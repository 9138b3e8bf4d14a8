import type { MediaKind } from '@switchboard/whatsapp';

/** One media object held by the emulator: uploaded by the business or sent by a customer. */
export interface StoredMedia {
  /** Numeric-looking Graph id, as Meta's are. */
  readonly id: string;
  /** The business number that uploaded it, or that the customer sent it to. */
  readonly phoneNumberId: string;
  readonly mimeType: string;
  readonly sha256: string;
  readonly fileSize: number;
  readonly filename: string | undefined;
  readonly bytes: Buffer;
  readonly createdAt: number;
}

/**
 * The emulator's media objects. Business uploads (`POST /{phone-number-id}/media`) and customer
 * media (an inbound image has real bytes behind its id) live in the same store, so
 * `GET /{media-id}` and the download URL behave the same for both.
 *
 * Contract: `put` never throws for valid input and returns a fresh id; `get` returns undefined for
 * an unknown or deleted id; `delete` returns whether something was deleted.
 */
export interface MediaStore {
  put(input: {
    phoneNumberId: string;
    bytes: Buffer;
    mimeType: string;
    filename?: string;
    kind?: MediaKind;
  }): StoredMedia;
  get(id: string): StoredMedia | undefined;
  delete(id: string): boolean;
}
