import type { Queryable } from '../store/db.js';
import { applyEdgeRows, applyFieldEdgeRows, applyNodeVersionRows } from './applyRows.js';
import type { IndexChanges } from './indexAdvance.js';
import { loadEdgeRows } from './operations/loadEdgeRows.js';
import { loadFieldEdgeRows } from './operations/loadFieldEdgeRows.js';
import { loadNodeVersionRows } from './operations/loadNodeVersionRows.js';
import { PAGE_ROWS, type PageCursor, type VersionRange } from './operations/versionRange.js';
import type { VersionedGraph } from './versionedGraph.js';

/** A step that puts one page of loaded rows into the graph, noting what it changed in `changes` when given. */
export type ApplyStep = (graph: VersionedGraph, changes?: IndexChanges) => void;

/**
 * Keyset pages of `load`, each handed to `onPage` in order. The next page is requested before the
 * current one is applied, so the database reads it while this process folds the previous one in:
 * at most two pages are held as row objects.
 */
async function pages<R>(
  pageRows: number,
  load: (after: PageCursor | null) => Promise<R[]>,
  cursorOf: (row: R) => PageCursor,
  onPage: (rows: R[]) => void,
): Promise<void> {
  let pending: Promise<R[]> | null = load(null);
  while (pending) {
    const rows: R[] = await pending;
    pending = rows.length < pageRows ? null : load(cursorOf(rows[rows.length - 1]!));
    // A failed prefetch must not go unhandled while this page is applied; awaiting it rethrows.
    pending?.catch(() => {});
    if (rows.length > 0) onPage(rows);
  }
}

/**
 * Reads every row that changed in (since, upTo], nodes first (facts refer to them), and hands each
 * page to `onStep`. A first load applies pages as they come, so at most one page is held as row
 * objects; a catch-up of a live index collects the steps and applies them in one synchronous go,
 * so no traversal ever sees half a version.
 */
export async function loadRange(
  db: Queryable,
  range: VersionRange,
  onStep: (step: ApplyStep) => void,
  pageRows = PAGE_ROWS,
): Promise<void> {
  await pages(
    pageRows,
    (after) => loadNodeVersionRows(db, range, after, pageRows),
    (row) => ({ key: row.node_id, fromVersion: Number(row.from_version) }),
    (rows) => onStep((graph, changes) => applyNodeVersionRows(graph, rows, range, changes)),
  );
  await pages(
    pageRows,
    (after) => loadEdgeRows(db, range, after, pageRows),
    (row) => ({ key: row.last_key!, fromVersion: Number(row.from_version) }),
    (rows) => onStep((graph, changes) => applyEdgeRows(graph, rows, range, changes)),
  );
  await pages(
    pageRows,
    (after) => loadFieldEdgeRows(db, range, after, pageRows),
    (row) => ({ key: row.fact_key, fromVersion: Number(row.from_version) }),
    (rows) => onStep((graph, changes) => applyFieldEdgeRows(graph, rows, range, changes)),
  );
}
