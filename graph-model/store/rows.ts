/** Row shapes of the tables in migrations/, as the engines return them. */
import type { NodeDefinition, RunState } from '../model.js';

export interface NodeRow {
  id: string;
  node_type: 'ASSET' | 'COMPUTATION';
  namespace: string;
  name: string;
}

export interface NodeClaimRow {
  node_id: string;
  source: string;
  from_version: number;
  kind: string;
  content_hash: string;
  definition: NodeDefinition;
}

export interface NodeVersionRow {
  node_id: string;
  from_version: number;
  to_version: number | null;
  kind: string;
  content_hash: string;
  definition: NodeDefinition;
}

export interface EdgeRow {
  fact_key: string;
  from_id: string;
  to_id: string;
  kind: 'READS' | 'WRITES';
  from_version: number;
  to_version: number | null;
}

export interface FieldEdgeRow {
  fact_key: string;
  computation_id: string;
  input_id: string;
  input_field: string;
  output_id: string;
  output_field: string;
  transformation_type: 'DIRECT' | 'INDIRECT';
  transformation_subtype: string;
  masking: boolean;
  from_version: number;
  to_version: number | null;
}

export interface TagRow {
  fact_key: string;
  node_id: string;
  field: string;
  key: string;
  value: string;
  from_version: number;
  to_version: number | null;
}

export interface RunRow {
  run_id: string;
  computation_id: string;
  source: string;
  state: RunState;
  started_at: Date | string | null;
  ended_at: Date | string | null;
  cost: number | null;
  properties: Record<string, unknown>;
  content_hash: string;
  from_version: number;
  to_version: number | null;
}

export interface ChangesetRow {
  version: number;
  committed_at: Date | string;
  source: string;
  actor: string;
  mode: 'full' | 'delta';
  stats: Record<string, number>;
}

export type FactType = 'edge' | 'field_edge' | 'tag';

/** Effective fact tables by fact type; the names come from code, never from input. */
export const FACT_TABLE: Record<FactType, 'edge' | 'field_edge' | 'tag'> = {
  edge: 'edge',
  field_edge: 'field_edge',
  tag: 'tag',
};

/** SQL predicate: the row is valid at graph version $n. */
export function validAt(param: number, alias = ''): string {
  const p = alias ? `${alias}.` : '';
  return `${p}from_version <= $${param} AND (${p}to_version IS NULL OR ${p}to_version > $${param})`;
}

/**
 * Edges whose source node is the text expression `id`: a range of the primary key, because an
 * edge's key is its source node's id, U+001F, then its target's (ids.ts `edgeKey`), and keys sort
 * bytewise. There is no index on `from_id` (migration 0004).
 */
export function edgeFrom(id: string, alias = ''): string {
  const p = alias ? `${alias}.` : '';
  return `${p}fact_key >= (${id} || chr(31)) COLLATE "C" AND ${p}fact_key < (${id} || chr(32)) COLLATE "C"`;
}
