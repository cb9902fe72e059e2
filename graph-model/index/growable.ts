/**
 * Typed arrays that grow by doubling. The index keeps millions of edges as parallel Int32Arrays
 * (4 bytes per column per edge) instead of one object per edge (about 80 bytes each).
 */
export function grownInt32(array: Int32Array<ArrayBuffer>, minLength: number, fill?: number): Int32Array<ArrayBuffer> {
  if (array.length >= minLength) return array;
  let length = Math.max(16, array.length);
  while (length < minLength) length *= 2;
  const next = new Int32Array(length);
  next.set(array);
  if (fill !== undefined) next.fill(fill, array.length);
  return next;
}

export function grownUint8(array: Uint8Array<ArrayBuffer>, minLength: number): Uint8Array<ArrayBuffer> {
  if (array.length >= minLength) return array;
  let length = Math.max(16, array.length);
  while (length < minLength) length *= 2;
  const next = new Uint8Array(length);
  next.set(array);
  return next;
}
