/** A timestamptz as both engines return it (a Date; text on some paths) in ISO-8601 UTC; null stays null. */
export function isoTime(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
