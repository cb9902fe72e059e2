import { definitionValueChanges, diffDefinitions, type DefinitionDiff, type ValueChange } from '../../definition.js';
import type { ChangeStats, ChangesetInfo, Edge, FieldEdge, NodeVersion, Run, Tag } from '../../model.js';
import { toIndexVersion, validAt } from '../../index/versions.js';
import type { Queryable } from '../db.js';
import type { ChangesetRow, EdgeRow, FieldEdgeRow, NodeRow, NodeVersionRow, RunRow, TagRow } from '../rows.js';
import { toEdge, toFieldEdge, toRun, toTag } from './readFacts.js';
import type { EdgeChange } from './readEdgeHistory.js';
import { toNodeVersion } from './readNodes.js';

export type NodeChangeKind = 'CREATED' | 'UPDATED' | 'DELETED';

export interface NodeChange {
  id: string;
  type: 'ASSET' | 'COMPUTATION';
  namespace: string;
  name: string;
  change: NodeChangeKind;
  diff: DefinitionDiff;
}

export interface Changes {
  nodes: NodeChange[];
  edgesAdded: Edge[];
  edgesRemoved: Edge[];
  fieldEdgesAdded: FieldEdge[];
  fieldEdgesRemoved: FieldEdge[];
  tagsAdded: Tag[];
  tagsRemoved: Tag[];
  runs: Run[];
}

export interface ChangesetWithChanges extends ChangesetInfo {
  changes: Changes;
}

export function toChangesetInfo(row: ChangesetRow): ChangesetInfo {
  return {
    version: Number(row.version),
    committedAt: new Date(row.committed_at).toISOString(),
    source: row.source,
    actor: row.actor,
    mode: row.mode,
    stats: row.stats as unknown as ChangeStats,
  };
}

/** Classifies node versions starting or ending in a version into created / updated / deleted. */
export function nodeChangesAt(version: number, rows: NodeVersion[]): NodeChange[] {
  const starting = new Map<string, NodeVersion>();
  const ending = new Map<string, NodeVersion>();
  for (const row of rows) {
    if (row.fromVersion === version) starting.set(row.id, row);
    if (row.toVersion === version) ending.set(row.id, row);
  }
  const out: NodeChange[] = [];
  for (const id of new Set([...starting.keys(), ...ending.keys()])) {
    const after = starting.get(id) ?? null;
    const before = ending.get(id) ?? null;
    const some = (after ?? before)!;
    out.push({
      id,
      type: some.type,
      namespace: some.namespace,
      name: some.name,
      change: after && before ? 'UPDATED' : after ? 'CREATED' : 'DELETED',
      diff: diffDefinitions(before, after),
    });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * The changesets committed after `since` (oldest first, at most `limit`), each with what it changed.
 * Changes are read back from the validity intervals themselves, so they cannot disagree with the graph.
 */
export async function readChanges(
  db: Queryable,
  since: number,
  options: { limit?: number; source?: string } = {},
): Promise<ChangesetWithChanges[]> {
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
  const changesets = options.source
    ? await db.query<ChangesetRow>('SELECT * FROM changeset WHERE version > $1 AND source = $2 ORDER BY version LIMIT $3', [
        since,
        options.source,
        limit,
      ])
    : await db.query<ChangesetRow>('SELECT * FROM changeset WHERE version > $1 ORDER BY version LIMIT $2', [since, limit]);
  if (changesets.length === 0) return [];
  const versions = changesets.map((row) => Number(row.version));
  const inRange = 'from_version = ANY($1::bigint[]) OR to_version = ANY($1::bigint[])';
  const [nodes, edges, fieldEdges, tags, runs] = await Promise.all([
    db.query<NodeRow & NodeVersionRow>(
      `SELECT n.id, n.node_type, n.namespace, n.name, v.node_id, v.from_version, v.to_version, v.kind, v.content_hash, v.definition
       FROM node_version v JOIN node n ON n.id = v.node_id WHERE v.from_version = ANY($1::bigint[]) OR v.to_version = ANY($1::bigint[])`,
      [versions],
    ),
    db.query<EdgeRow>(`SELECT * FROM edge WHERE ${inRange}`, [versions]),
    db.query<FieldEdgeRow>(`SELECT * FROM field_edge WHERE ${inRange}`, [versions]),
    db.query<TagRow>(`SELECT * FROM tag WHERE ${inRange}`, [versions]),
    db.query<RunRow>('SELECT * FROM run WHERE from_version = ANY($1::bigint[])', [versions]),
  ]);
  const nodeVersions = nodes.map(toNodeVersion);
  const e = edges.map(toEdge);
  const f = fieldEdges.map(toFieldEdge);
  const t = tags.map(toTag);
  const r = runs.map(toRun);
  return changesets.map((row) => {
    const v = Number(row.version);
    const added = <T extends { fromVersion: number }>(items: T[]) => items.filter((item) => item.fromVersion === v);
    const removed = <T extends { toVersion: number | null }>(items: T[]) => items.filter((item) => item.toVersion === v);
    return {
      ...toChangesetInfo(row),
      changes: {
        nodes: nodeChangesAt(
          v,
          nodeVersions.filter((n) => n.fromVersion === v || n.toVersion === v),
        ),
        edgesAdded: added(e),
        edgesRemoved: removed(e),
        fieldEdgesAdded: added(f),
        fieldEdgesRemoved: removed(f),
        tagsAdded: added(t),
        tagsRemoved: removed(t),
        runs: added(r),
      },
    };
  });
}

export async function readChangeset(db: Queryable, version: number): Promise<ChangesetInfo | null> {
  const rows = await db.query<ChangesetRow>('SELECT * FROM changeset WHERE version = $1', [version]);
  return rows[0] ? toChangesetInfo(rows[0]) : null;
}

export interface HistoryEntry {
  version: number;
  committedAt: string;
  source: string;
  actor: string;
  /** EDGES_CHANGED: the node's definition stayed, its edges (or its producers' reads) changed. */
  change: NodeChangeKind | 'EDGES_CHANGED';
  /** The node as it was from this version on; null when the change deleted it. */
  node: NodeVersion | null;
  diff: DefinitionDiff;
  /** What each changed value was and became (definitionValueChanges). */
  values: ValueChange[];
  /** Edges this version added or removed around the node while it existed (readEdgeHistory), at most HISTORY_EDGES. */
  edges: EdgeChange[];
  /** How many edges changed, listed or not. */
  edgesTotal: number;
}

/** Edge changes listed per history entry: a hub gaining 10,000 readers in one version is a count, not a page. */
export const HISTORY_EDGES = 200;

function listedEdges(changes: EdgeChange[]): { edges: EdgeChange[]; edgesTotal: number } {
  return { edges: changes.slice(0, HISTORY_EDGES), edgesTotal: changes.length };
}

/** A node's history: every version it had, and when it was deleted, with what changed each time. */
export async function readHistory(db: Queryable, versions: NodeVersion[], edgeChanges: ReadonlyMap<number, EdgeChange[]> = new Map()): Promise<HistoryEntry[]> {
  const events: { version: number; before: NodeVersion | null; after: NodeVersion | null; edgesOnly?: boolean }[] = [];
  for (let i = 0; i < versions.length; i++) {
    const current = versions[i]!;
    const previous = versions[i - 1];
    const continues = previous && previous.toVersion === current.fromVersion;
    events.push({ version: current.fromVersion, before: continues ? previous : null, after: current });
    const next = versions[i + 1];
    if (current.toVersion !== null && (!next || next.fromVersion !== current.toVersion)) {
      events.push({ version: current.toVersion, before: current, after: null });
    }
  }
  if (events.length === 0) return [];
  const nodeEvents = new Set(events.map((e) => e.version));
  for (const version of edgeChanges.keys()) {
    if (nodeEvents.has(version)) continue;
    const at = versions.find((v) => validAt(v.fromVersion, toIndexVersion(v.toVersion), version)) ?? null;
    events.push({ version, before: at, after: at, edgesOnly: true });
  }
  events.sort((a, b) => a.version - b.version);
  const rows = await db.query<ChangesetRow>('SELECT * FROM changeset WHERE version = ANY($1::bigint[])', [events.map((e) => e.version)]);
  const info = new Map(rows.map((row) => [Number(row.version), toChangesetInfo(row)]));
  return events.map((event) => {
    const cs = info.get(event.version);
    return {
      version: event.version,
      committedAt: cs?.committedAt ?? '',
      source: cs?.source ?? '',
      actor: cs?.actor ?? '',
      change: event.edgesOnly ? 'EDGES_CHANGED' : event.before && event.after ? 'UPDATED' : event.after ? 'CREATED' : 'DELETED',
      node: event.after,
      diff: diffDefinitions(event.before, event.after),
      values: event.edgesOnly ? [] : definitionValueChanges(event.before, event.after),
      // On creation and deletion every edge comes or goes with the node: only changes in between are news.
      ...listedEdges(event.before && event.after ? (edgeChanges.get(event.version) ?? []) : []),
    };
  });
}
