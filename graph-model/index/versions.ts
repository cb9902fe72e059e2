/**
 * Graph versions in the index are int32: an open interval's end is OPEN, so "valid at v" is the
 * single test `from <= v && v < to` with no null check in the traversal loops.
 */
export const OPEN = 0x7fffffff;

export function validAt(fromVersion: number, toVersion: number, version: number): boolean {
  return fromVersion <= version && version < toVersion;
}

/** A stored `to_version` (null while open) as the index keeps it. */
export function toIndexVersion(toVersion: number | null): number {
  return toVersion === null ? OPEN : toVersion;
}
