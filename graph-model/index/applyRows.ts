import { fieldNames } from '../definition.js';
import { declaredInputIds, INACTIVE_STATUSES } from '../inputSemantics.js';
import { END_OF_LIST } from './edgeTable.js';
import type { IndexChanges } from './indexAdvance.js';
import type { IndexEdgeRow } from './operations/loadEdgeRows.js';
import type { IndexFieldEdgeRow } from './operations/loadFieldEdgeRows.js';
import type { IndexNodeVersionRow } from './operations/loadNodeVersionRows.js';
import type { VersionRange } from './operations/versionRange.js';
import type { VersionedGraph } from './versionedGraph.js';
import { OPEN } from './versions.js';
import { DctxError } from '../dctxError.js';

/**
 * Folding rows of a catch-up (since, upTo] into the graph. A row that started after `since` is new
 * to the index; one that started before was loaded open and now ends. An end after `upTo` belongs
 * to a later version the index has not reached, so the row is kept open until that catch-up.
 */
function interval(row: { from_version: number | string; to_version: number | string | null }, range: VersionRange) {
  const fromVersion = Number(row.from_version);
  const end = row.to_version === null ? OPEN : Number(row.to_version);
  return { fromVersion, toVersion: end > range.upTo ? OPEN : end, isNew: fromVersion > range.since };
}

export class IndexOutOfSyncError extends DctxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INDEX_OUT_OF_SYNC', message, options);
  }
}

function nodeOf(graph: VersionedGraph, id: string): number {
  const n = graph.nodes.indexOf(id);
  // Facts only refer to nodes that exist when they start, and nodes are applied first.
  if (n === undefined) throw new IndexOutOfSyncError(`a fact refers to node ${id}, which the index has not loaded`);
  return n;
}

export function applyNodeVersionRows(graph: VersionedGraph, rows: IndexNodeVersionRow[], range: VersionRange, changes?: IndexChanges): void {
  for (const row of rows) {
    const n = graph.addNode(row.node_id, row.node_type, row.namespace, row.name);
    const { fromVersion, toVersion, isNew } = interval(row, range);
    if (!isNew && toVersion === OPEN) continue;
    changes?.node(n);
    if (!isNew && graph.nodes.closeVersion(n, fromVersion, toVersion)) continue;
    graph.addNodeVersion(n, {
      fromVersion,
      toVersion,
      kind: row.kind,
      owners: row.owners ?? [],
      fields: row.fields ? [...fieldNames({ fields: row.fields })] : [],
      ...(row.input_semantics ? declaredInputs(row.input_semantics) : {}),
      inactive: row.status !== null && INACTIVE_STATUSES.has(row.status),
    });
  }
}

function declaredInputs(property: unknown) {
  const { optional, required } = declaredInputIds(property);
  return { optionalInputs: optional, requiredInputs: required };
}

export function applyEdgeRows(graph: VersionedGraph, rows: IndexEdgeRow[], range: VersionRange, changes?: IndexChanges): void {
  // Rows come in fact-key order, which starts with the source's id: a node's out-edges arrive
  // together, and comparing two ids is cheaper than hashing one into a 1.7M-entry map.
  let fromId = '';
  let from = -1;
  for (const row of rows) {
    if (row.from_id !== fromId) {
      from = nodeOf(graph, row.from_id);
      fromId = row.from_id;
    }
    const to = nodeOf(graph, row.to_id);
    const { fromVersion, toVersion, isNew } = interval(row, range);
    if (!isNew && toVersion === OPEN) continue;
    const closed = isNew ? END_OF_LIST : graph.edges.close(from, to, fromVersion, toVersion);
    const e = closed !== END_OF_LIST ? closed : graph.addEdge(from, to, fromVersion, toVersion);
    changes?.edge(e);
  }
}

export function applyFieldEdgeRows(graph: VersionedGraph, rows: IndexFieldEdgeRow[], range: VersionRange, changes?: IndexChanges): void {
  for (const row of rows) {
    const { fromVersion, toVersion, isNew } = interval(row, range);
    const input = {
      computation: nodeOf(graph, row.computation_id),
      input: nodeOf(graph, row.input_id),
      inputField: row.input_field,
      output: nodeOf(graph, row.output_id),
      outputField: row.output_field,
      transformationType: row.transformation_type,
      subtype: row.transformation_subtype,
      masking: row.masking,
      fromVersion,
    };
    if (!isNew && toVersion === OPEN) continue;
    changes?.fieldEdge(input.computation, input.input, input.output);
    if (!isNew && toVersion !== OPEN && graph.closeFieldEdge(input, toVersion)) continue;
    graph.addFieldEdge({ ...input, toVersion });
  }
}
