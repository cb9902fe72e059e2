import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { DctxError } from '../dctxError.js';
import { fieldNames } from '../definition.js';
import { declaredInputIds, INACTIVE_STATUSES } from '../inputSemantics.js';
import type { Queryable } from '../store/db.js';
import { toFieldEdge, toTag } from '../store/operations/readFacts.js';
import { CYPHER, FIELD_ID_SEPARATOR } from './projectionCypher.js';
import { forEachRowPage, type ProjectionEdgeRow, type ProjectionTagRow } from './projectionRows.js';
import { PROJECTION_NAME } from './neo4jMigrations.js';

/** The projection and the store disagree in a way retrying cannot fix (a row names a node Neo4j lacks). */
export class ProjectionOutOfSyncError extends DctxError<'PROJECTION_OUT_OF_SYNC'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('PROJECTION_OUT_OF_SYNC', message, options);
  }
}

export interface VersionToProject {
  version: number;
  committedAt: Date;
}

export interface ProjectedVersion {
  version: number;
  /** False when Neo4j already held this version (another sync, or a retry after a lost commit reply). */
  applied: boolean;
  /** Store rows written: node versions, edges, field edges, tags. */
  rows: { nodes: number; edges: number; fieldEdges: number; tags: number };
}

/** Versions are stored as Neo4j integers, not floats, so Cypher users compare them with integer literals. */
const int = (n: number) => neo4j.int(n);

/** A row's end as the projection at `version` knows it: an end after `version` has not happened yet. */
function endAt(toVersion: number | string | null, version: number) {
  return toVersion !== null && Number(toVersion) <= version ? int(Number(toVersion)) : null;
}

async function run(tx: ManagedTransaction, cypher: string, params: Record<string, unknown>, expected: number, what: string): Promise<void> {
  const result = await tx.run(cypher, { ...params, sep: FIELD_ID_SEPARATOR });
  const matched = Number(result.records[0]?.get('matched') ?? 0);
  if (matched !== expected) {
    throw new ProjectionOutOfSyncError(`${what}: ${expected - matched} of ${expected} rows name a node the projection does not hold; rebuild it (dctx neo4j sync --rebuild)`);
  }
}

const SUMMARY_BATCH = 10_000;

function declaredInputs(property: unknown) {
  const { optional, required } = declaredInputIds(property);
  return { optionalInputs: optional, requiredInputs: required };
}

/**
 * Writes graph version `target.version` into Neo4j in one transaction: the rows the store's
 * changeset started or ended, then the projection's version. The transaction first locks the
 * projection's state and reads its version: if Neo4j already holds this version it does nothing
 * (idempotent); if it is not the one before, it refuses (never skips a version). So a crash, a lost
 * connection or a failed commit leaves the previous version or this one, and a retry finishes it.
 */
export async function projectVersion(tx: ManagedTransaction, db: Queryable, target: VersionToProject): Promise<ProjectedVersion> {
  const { version } = target;
  const rows = { nodes: 0, edges: 0, fieldEdges: 0, tags: 0 };
  const state = await tx.run(CYPHER.lockState, { name: PROJECTION_NAME });
  if (state.records.length === 0) throw new ProjectionOutOfSyncError('the projection has no state node; run its migrations (dctx neo4j sync does)');
  if (state.records[0]!.get('clearing') === true) throw new ProjectionOutOfSyncError('a rebuild of the projection was interrupted; run dctx neo4j sync --rebuild');
  const projected = Number(state.records[0]!.get('version'));
  if (projected >= version) return { version, applied: false, rows };
  if (projected !== version - 1) {
    throw new ProjectionOutOfSyncError(`the projection is at version ${projected} and cannot apply version ${version} before the versions between`);
  }

  const touched: string[] = [];
  await forEachRowPage(db, 'node', version, async (page) => {
    for (const type of ['ASSET', 'COMPUTATION'] as const) {
      const typed = page.filter((row) => row.node_type === type);
      if (typed.length === 0) continue;
      const params = typed.map((row) => ({
        id: row.node_id,
        namespace: row.namespace,
        name: row.name,
        fromVersion: int(Number(row.from_version)),
        toVersion: endAt(row.to_version, version),
        kind: row.kind,
        contentHash: row.content_hash,
        description: row.description,
        owners: row.owners ?? [],
        fields: [...fieldNames({ fields: row.fields ?? [] })],
        // What impact reads, as the index does (index/applyRows.ts): declared input ids and whether it no longer runs.
        ...declaredInputs(row.input_semantics),
        inactive: row.status !== null && INACTIVE_STATUSES.has(row.status),
      }));
      await run(tx, type === 'ASSET' ? CYPHER.assets : CYPHER.computations, { rows: params }, typed.length, `version ${version} node versions`);
    }
    for (const row of page) touched.push(row.node_id);
    rows.nodes += page.length;
  });
  const ids = [...new Set(touched)];
  for (let i = 0; i < ids.length; i += SUMMARY_BATCH) {
    const batch = ids.slice(i, i + SUMMARY_BATCH);
    await run(tx, CYPHER.nodeSummaries, { ids: batch }, batch.length, `version ${version} node summaries`);
  }

  await forEachRowPage(db, 'edge', version, async (page) => {
    for (const kind of ['READS', 'WRITES'] as const) {
      const typed = page.filter((row: ProjectionEdgeRow) => row.kind === kind);
      if (typed.length === 0) continue;
      const params = typed.map((row) => ({ from: row.from_id, to: row.to_id, fromVersion: int(Number(row.from_version)), toVersion: endAt(row.to_version, version) }));
      await run(tx, kind === 'READS' ? CYPHER.reads : CYPHER.writes, { rows: params }, typed.length, `version ${version} ${kind} edges`);
    }
    rows.edges += page.length;
  });

  await forEachRowPage(db, 'fieldEdge', version, async (page) => {
    const params = page.map((row) => ({ ...toFieldEdge(row), key: row.fact_key, fromVersion: int(Number(row.from_version)), toVersion: endAt(row.to_version, version) }));
    await run(tx, CYPHER.fieldEdges, { rows: params }, page.length, `version ${version} field edges`);
    rows.fieldEdges += page.length;
  });

  await forEachRowPage(db, 'tag', version, async (page) => {
    const toParams = (list: ProjectionTagRow[]) =>
      list.map((row) => ({ ...toTag(row), fromVersion: int(Number(row.from_version)), toVersion: endAt(row.to_version, version) }));
    const onNodes = page.filter((row) => row.field === '');
    const onFields = page.filter((row) => row.field !== '');
    if (onNodes.length > 0) await run(tx, CYPHER.nodeTags, { rows: toParams(onNodes) }, onNodes.length, `version ${version} tags`);
    if (onFields.length > 0) await run(tx, CYPHER.fieldTags, { rows: toParams(onFields) }, onFields.length, `version ${version} field tags`);
    rows.tags += page.length;
  });

  await tx.run(CYPHER.setState, { name: PROJECTION_NAME, version: int(version), committedAt: target.committedAt.toISOString() });
  return { version, applied: true, rows };
}
