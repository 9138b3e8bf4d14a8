/** A numeric command-line option within [min, max], or an error naming the flag and its range. */
export function numberArg(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`--${name} must be a number from ${min} to ${max}, got ${raw}`);
  }
  return value;
}
