import { pointerSegment } from '../jsonPointer.js';

/** An IngestError location in a JSON file: `file#/nodes/model.shop.orders/depends_on/nodes/0`. */
export function jsonLocation(file: string, ...path: (string | number)[]): string {
  return `${file}#/${path.map(pointerSegment).join('/')}`;
}
