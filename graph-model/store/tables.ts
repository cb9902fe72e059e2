/**
 * What the write path loads into each table, as typed rows: a row is an object whose fields are
 * the table's columns (migrations/), and the column list sits next to its row type, so a builder
 * cannot put a value in the wrong column. `plain` marks text that never needs COPY escaping.
 */
import { defineTable } from './db.js';
import type { EdgeRow, FactType, FieldEdgeRow, NodeClaimRow, NodeRow, NodeVersionRow, RunRow, TagRow } from './rows.js';

export type NodeInsert = NodeRow & { first_version: number };
export type NodeVersionInsert = Omit<NodeVersionRow, 'to_version'>;
export type EdgeInsert = Omit<EdgeRow, 'to_version'>;
export type FieldEdgeInsert = Omit<FieldEdgeRow, 'to_version'>;
export type TagInsert = Omit<TagRow, 'to_version'>;
export type RunInsert = Omit<RunRow, 'to_version' | 'started_at' | 'ended_at'> & { started_at: string | null; ended_at: string | null };

export interface FactClaimInsert {
  fact_type: FactType;
  fact_key: string;
  source: string;
  from_version: number;
}

/** The row of each effective fact table, by fact type. */
export interface FactInsert {
  edge: EdgeInsert;
  field_edge: FieldEdgeInsert;
  tag: TagInsert;
}

export const NODE = defineTable<NodeInsert>('node', {
  id: { type: 'text', plain: true },
  node_type: { type: 'text', plain: true },
  namespace: { type: 'text' },
  name: { type: 'text' },
  first_version: { type: 'bigint' },
});

export const NODE_CLAIM = defineTable<NodeClaimRow>('node_claim', {
  node_id: { type: 'text', plain: true },
  source: { type: 'text' },
  from_version: { type: 'bigint' },
  kind: { type: 'text' },
  content_hash: { type: 'text', plain: true },
  definition: { type: 'jsonb' },
});

export const NODE_VERSION = defineTable<NodeVersionInsert>('node_version', {
  node_id: { type: 'text', plain: true },
  from_version: { type: 'bigint' },
  kind: { type: 'text' },
  content_hash: { type: 'text', plain: true },
  definition: { type: 'jsonb' },
});

function factClaimTable(plainKey: boolean) {
  return defineTable<FactClaimInsert>('fact_claim', {
    fact_type: { type: 'text', plain: true },
    fact_key: { type: 'text', plain: plainKey },
    source: { type: 'text' },
    from_version: { type: 'bigint' },
  });
}

/** Edge keys are two node ids (base64url) joined by U+001F; field edge and tag keys hold field names, tag keys and values. */
export const FACT_CLAIM: Record<FactType, ReturnType<typeof factClaimTable>> = {
  edge: factClaimTable(true),
  field_edge: factClaimTable(false),
  tag: factClaimTable(false),
};

export const FACT: { [T in FactType]: ReturnType<typeof defineTable<FactInsert[T]>> } = {
  // Ids and the kind: nothing in an edge row needs escaping.
  edge: defineTable<EdgeInsert>('edge', {
    fact_key: { type: 'text', plain: true },
    from_id: { type: 'text', plain: true },
    to_id: { type: 'text', plain: true },
    kind: { type: 'text', plain: true },
    from_version: { type: 'bigint' },
  }),
  field_edge: defineTable<FieldEdgeInsert>('field_edge', {
    fact_key: { type: 'text' },
    computation_id: { type: 'text' },
    input_id: { type: 'text' },
    input_field: { type: 'text' },
    output_id: { type: 'text' },
    output_field: { type: 'text' },
    transformation_type: { type: 'text' },
    transformation_subtype: { type: 'text' },
    masking: { type: 'boolean' },
    from_version: { type: 'bigint' },
  }),
  tag: defineTable<TagInsert>('tag', {
    fact_key: { type: 'text' },
    node_id: { type: 'text' },
    field: { type: 'text' },
    key: { type: 'text' },
    value: { type: 'text' },
    from_version: { type: 'bigint' },
  }),
};

export const RUN = defineTable<RunInsert>('run', {
  run_id: { type: 'text' },
  computation_id: { type: 'text' },
  source: { type: 'text' },
  state: { type: 'text' },
  started_at: { type: 'timestamptz' },
  ended_at: { type: 'timestamptz' },
  cost: { type: 'double precision' },
  properties: { type: 'jsonb' },
  content_hash: { type: 'text' },
  from_version: { type: 'bigint' },
});

export interface IngestErrorInsert {
  source: string;
  location: string;
  message: string;
  node_id: string | null;
  graph_version: number;
  /** `error` (a bad item left out) or `warning` (an item committed, its lineage perhaps incomplete). */
  severity: IngestSeverity;
}

export type IngestSeverity = 'error' | 'warning';

export const INGEST_ERROR = defineTable<IngestErrorInsert>('ingest_error', {
  source: { type: 'text' },
  location: { type: 'text' },
  message: { type: 'text' },
  node_id: { type: 'text' },
  graph_version: { type: 'bigint' },
  severity: { type: 'text' },
});

export interface MetricStagingInsert {
  node_id: string;
  field: string;
  metric: string;
  granularity: string;
  bucket_start: string;
  value: number;
}

export const METRIC_STAGING = defineTable<MetricStagingInsert>('metric_staging', {
  node_id: { type: 'text' },
  field: { type: 'text' },
  metric: { type: 'text' },
  granularity: { type: 'text' },
  bucket_start: { type: 'timestamptz' },
  value: { type: 'double precision' },
});
