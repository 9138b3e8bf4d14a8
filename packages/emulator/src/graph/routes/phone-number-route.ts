import type { GraphCall } from '../graph-call.js';
import { queryOf } from '../graph-call.js';
import type { ResolvedBusinessNumber } from '../graph-deps.js';

/** Fields `GET /{phone-number-id}` adds when asked for with `fields=` (OpenAPI `PhoneNumberInfo`). */
const OPTIONAL_FIELDS: Readonly<Record<string, unknown>> = {
  code_verification_status: 'VERIFIED',
  name_status: 'APPROVED',
  platform_type: 'CLOUD_API',
  throughput: { level: 'STANDARD' },
};

/**
 * `GET /{phone-number-id}`: gateways call it to check their configuration. Answers the default
 * fields (id, display_phone_number, verified_name, quality_rating) plus any optional field asked
 * for; an emulated number is always verified and of green quality.
 */
export function getPhoneNumber(call: GraphCall, resolved: ResolvedBusinessNumber): Record<string, unknown> {
  const { number } = resolved;
  const fields = queryOf(call.request).fields;
  const requested = typeof fields === 'string' ? fields.split(',').map((field) => field.trim()) : [];
  const extra = Object.fromEntries(
    Object.entries(OPTIONAL_FIELDS).filter(([field]) => requested.includes(field)),
  );
  return {
    verified_name: number.verifiedName ?? 'Switchboard Emulator',
    display_phone_number: `+${number.displayPhoneNumber.replace(/\D/g, '')}`,
    quality_rating: 'GREEN',
    ...extra,
    id: number.phoneNumberId,
  };
}
