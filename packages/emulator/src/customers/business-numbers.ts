import { DEFAULT_THROUGHPUT_MPS } from '@switchboard/whatsapp';
import type { BusinessNumberOptions } from '../core/emulator-options.js';

/** A business number with every default filled in. */
export interface BusinessNumber {
  readonly phoneNumberId: string;
  readonly displayPhoneNumber: string;
  readonly verifiedName: string;
  readonly wabaId: string;
  readonly throughputPerSecond: number;
}

export const DEFAULT_WABA_ID = '100000000000000';
export const DEFAULT_BUSINESS_NUMBER: BusinessNumberOptions = Object.freeze({
  phoneNumberId: '100000000000001',
  displayPhoneNumber: '15550001234',
  verifiedName: 'Switchboard Demo',
});

export function resolveBusinessNumbers(
  options: readonly BusinessNumberOptions[] | undefined,
): BusinessNumber[] {
  const list = options && options.length > 0 ? options : [DEFAULT_BUSINESS_NUMBER];
  const seen = new Set<string>();
  return list.map((n) => {
    if (seen.has(n.phoneNumberId)) throw new Error(`business number ${n.phoneNumberId} is configured twice`);
    seen.add(n.phoneNumberId);
    return Object.freeze({
      phoneNumberId: n.phoneNumberId,
      displayPhoneNumber: n.displayPhoneNumber.replace(/\D/g, ''),
      verifiedName: n.verifiedName ?? 'Test Business',
      wabaId: n.wabaId ?? DEFAULT_WABA_ID,
      throughputPerSecond: n.throughputPerSecond ?? DEFAULT_THROUGHPUT_MPS,
    });
  });
}
