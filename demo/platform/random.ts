/**
 * Deterministic pseudo-random numbers for the demo's metrics: the same name and day always give
 * the same value, so regenerating the files changes nothing.
 */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A number in [0, 1) determined by `key` (mulberry32 of its FNV-1a hash). */
export function unit(key: string): number {
  let t = (hash(key) + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A number in [low, high) determined by `key`. */
export const between = (key: string, low: number, high: number): number => low + (high - low) * unit(key);
