/** Escapes one JSON Pointer segment (RFC 6901): `~` and `/` would otherwise change the path. */
function pointerSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** An IngestError location in a JSON file: `file#/nodes/model.shop.orders/depends_on/nodes/0`. */
export function jsonLocation(file: string, ...path: (string | number)[]): string {
  return `${file}#/${path.map(pointerSegment).join('/')}`;
}
