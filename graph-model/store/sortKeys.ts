/**
 * Sorts strings in the order of `Array.prototype.sort()` (UTF-16 code units), faster than it for
 * the hundreds of thousands of ids and fact keys a large changeset writes in key order: the strings
 * are first distributed into buckets by their first three code units, then each bucket is sorted.
 * The bucket order is that of those code units, so concatenating the sorted buckets is the total order.
 */
const SMALL = 2048;
const RANKS = 128; // a missing code unit, 1..126 for code units 0..125, 127 for everything above
const rank = (s: string, i: number) => (i < s.length ? Math.min(s.charCodeAt(i) + 1, RANKS - 1) : 0);
function bucketOf(s: string): number {
  // After a code unit shared by a whole range (the top rank), later ones no longer order buckets.
  const r0 = rank(s, 0);
  const r1 = r0 === RANKS - 1 ? 0 : rank(s, 1);
  const r2 = r1 === RANKS - 1 || r0 === RANKS - 1 ? 0 : rank(s, 2);
  return (r0 * RANKS + r1) * RANKS + r2;
}

export function sortKeys(keys: string[]): string[] {
  if (keys.length < SMALL) return keys.slice().sort();
  const starts = new Int32Array(RANKS * RANKS * RANKS + 1);
  const buckets = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const b = bucketOf(keys[i]!);
    buckets[i] = b;
    starts[b + 1]!++;
  }
  for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
  const next = starts.slice(0, starts.length - 1);
  const out = new Array<string>(keys.length);
  for (let i = 0; i < keys.length; i++) out[next[buckets[i]!]!++] = keys[i]!;
  // Sort each bucket of more than one key in place.
  let i = 0;
  while (i < out.length) {
    const b = bucketOf(out[i]!);
    const end = starts[b + 1]!;
    if (end - i > 1) {
      const part = out.slice(i, end).sort();
      for (let j = 0; j < part.length; j++) out[i + j] = part[j]!;
    }
    i = end;
  }
  return out;
}
