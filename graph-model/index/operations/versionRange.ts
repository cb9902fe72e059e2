/**
 * The rows a catch-up from `since` to `upTo` must see: those that started in (since, upTo], and
 * those that started before and ended in (since, upTo]. A first load is a catch-up from 0.
 */
export interface VersionRange {
  since: number;
  upTo: number;
}

/** Keyset position for paging a first load in primary-key order. */
export interface PageCursor {
  key: string;
  fromVersion: number;
}

export const PAGE_ROWS = 50_000;

/** SQL predicate over $1 (since) and $2 (upTo) for rows that changed in the range. */
export const CHANGED_IN_RANGE = '((from_version > $1 AND from_version <= $2) OR (to_version > $1 AND to_version <= $2))';
