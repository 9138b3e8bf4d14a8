import { invalidValue, missingParam, wrongType, type Params } from './params.js';

/**
 * `"location":{"latitude","longitude","name"?,"address"?}`. Meta's examples send the coordinates as
 * JSON numbers while its OpenAPI types them as strings, so both are accepted.
 */
export function checkLocationMessage(location: Params): void {
  location.allowOnly(['latitude', 'longitude', 'name', 'address']);
  coordinate(location, 'latitude', 90);
  coordinate(location, 'longitude', 180);
  location.optionalString('name');
  location.optionalString('address');
}

function coordinate(location: Params, key: string, limit: number): void {
  if (!location.has(key)) throw missingParam(location.pathOf(key));
  const raw = location.raw[key];
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(location.pathOf(key), 'a number');
  if (Math.abs(value) > limit)
    throw invalidValue(location.pathOf(key), `must be between -${limit} and ${limit}`);
}
