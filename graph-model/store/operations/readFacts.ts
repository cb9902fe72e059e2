import type { Edge, FieldEdge, Run, Tag } from '../../model.js';
import type { Queryable } from '../db.js';
import { edgeFrom, validAt, type EdgeRow, type FieldEdgeRow, type RunRow, type TagRow } from '../rows.js';

const num = (value: number | null) => (value === null ? null : Number(value));

export function toEdge(row: EdgeRow): Edge {
  return { from: row.from_id, to: row.to_id, kind: row.kind, fromVersion: Number(row.from_version), toVersion: num(row.to_version) };
}

export function toFieldEdge(row: FieldEdgeRow): FieldEdge {
  return {
    computationId: row.computation_id,
    inputId: row.input_id,
    inputField: row.input_field,
    outputId: row.output_id,
    outputField: row.output_field,
    transformationType: row.transformation_type,
    transformationSubtype: row.transformation_subtype,
    masking: row.masking,
    fromVersion: Number(row.from_version),
    toVersion: num(row.to_version),
  };
}

export function toTag(row: TagRow): Tag {
  return {
    nodeId: row.node_id,
    field: row.field,
    key: row.key,
    value: row.value,
    fromVersion: Number(row.from_version),
    toVersion: num(row.to_version),
  };
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function toRun(row: RunRow): Run {
  return {
    runId: row.run_id,
    computationId: row.computation_id,
    state: row.state,
    startedAt: iso(row.started_at),
    endedAt: iso(row.ended_at),
    cost: row.cost === null ? null : Number(row.cost),
    properties: row.properties,
    fromVersion: Number(row.from_version),
    toVersion: num(row.to_version),
  };
}

export type EdgeDirection = 'in' | 'out' | 'both';

/** A node's edges valid at a version: `out` where it is the source, `in` where it is the target. */
export async function readEdges(db: Queryable, id: string, version: number, direction: EdgeDirection = 'both'): Promise<Edge[]> {
  const cols = 'fact_key, from_id, to_id, kind, from_version, to_version';
  const out = `SELECT ${cols} FROM edge WHERE ${edgeFrom('$1::text')} AND ${validAt(2)}`;
  const into = `SELECT ${cols} FROM edge WHERE to_id = $1 AND ${validAt(2)}`;
  // One statement, one round trip, whichever the direction.
  const sql = direction === 'out' ? out : direction === 'in' ? into : `(${out}) UNION ALL (${into})`;
  const rows = await db.query<EdgeRow>(`${sql} ORDER BY from_id, to_id`, [id, version]);
  return rows.map(toEdge);
}

export async function readAllEdges(db: Queryable, version: number): Promise<Edge[]> {
  const rows = await db.query<EdgeRow>(
    `SELECT fact_key, from_id, to_id, kind, from_version, to_version FROM edge WHERE ${validAt(1)} ORDER BY fact_key`,
    [version],
  );
  return rows.map(toEdge);
}

/** Field edges through a computation, or into or out of an asset, valid at a version. */
export async function readFieldEdges(db: Queryable, id: string, version: number): Promise<FieldEdge[]> {
  const rows = await db.query<FieldEdgeRow>(
    `SELECT * FROM field_edge WHERE (computation_id = $1 OR input_id = $1 OR output_id = $1) AND ${validAt(2)} ORDER BY fact_key`,
    [id, version],
  );
  return rows.map(toFieldEdge);
}

export async function readAllFieldEdges(db: Queryable, version: number): Promise<FieldEdge[]> {
  const rows = await db.query<FieldEdgeRow>(`SELECT * FROM field_edge WHERE ${validAt(1)} ORDER BY fact_key`, [version]);
  return rows.map(toFieldEdge);
}

export async function readTags(db: Queryable, id: string, version: number): Promise<Tag[]> {
  const rows = await db.query<TagRow>(`SELECT * FROM tag WHERE node_id = $1 AND ${validAt(2)} ORDER BY fact_key`, [id, version]);
  return rows.map(toTag);
}

export async function readAllTags(db: Queryable, version: number): Promise<Tag[]> {
  const rows = await db.query<TagRow>(`SELECT * FROM tag WHERE ${validAt(1)} ORDER BY fact_key`, [version]);
  return rows.map(toTag);
}

export async function readRuns(db: Queryable, computationId: string, version: number): Promise<Run[]> {
  const rows = await db.query<RunRow>(
    `SELECT * FROM run WHERE computation_id = $1 AND ${validAt(2)} ORDER BY started_at NULLS LAST, run_id`,
    [computationId, version],
  );
  return rows.map(toRun);
}
