import { z } from 'zod';
import { fieldError, nonEmpty, object, replyTo } from './send-request-fields.js';

/** Locations in send bodies (send-request.ts); template location parameters use the same object. */
// ——— location ———

function coordinate(path: string, limit: number) {
  const message = `${path} must be a number from -${limit} to ${limit}`;
  return z
    .number({ error: fieldError(path, 'a number') })
    .min(-limit, message)
    .max(limit, message);
}

export function locationObject(path: string) {
  return object(path, {
    latitude: coordinate(`${path}.latitude`, 90),
    longitude: coordinate(`${path}.longitude`, 180),
    name: nonEmpty(`${path}.name`).optional(),
    address: nonEmpty(`${path}.address`).optional(),
  });
}

export const locationMember = object('the request body', {
  type: z.literal('location'),
  location: locationObject('location'),
  replyTo,
});
