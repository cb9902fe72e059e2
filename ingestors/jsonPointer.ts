/** Escapes one JSON Pointer segment (RFC 6901): `~` and `/` would otherwise change the path. */
export function pointerSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}
