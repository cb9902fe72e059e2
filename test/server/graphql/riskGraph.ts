import type { Changeset, NodeAssertion, NodeRef } from '../../../graph-model/model.js';
import { nodeId } from '../../../graph-model/ids.js';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';

/**
 * A small risk platform with known answers: the bipartite case of docs/design.md (c1 reads A and B and
 * writes X; c2 reads A and C and writes X), a feature pipeline reading X, and a rule evaluation
 * reading the feature. Version 1 is all of it; version 2 retracts c2's read of C.
 */
export const NS = 'hive://gql';
export const JOBS = 'airflow://gql';

const asset = (name: string, kind = 'TABLE', extra: NodeAssertion['definition'] = {}): NodeAssertion => ({ namespace: NS, name, kind, definition: extra });
const comp = (name: string, kind = 'BATCH_JOB'): NodeAssertion => ({ namespace: JOBS, name, kind, definition: { code: { language: 'sql', text: `-- ${name}` } } });
const A = (name: string): NodeRef => ({ type: 'ASSET', namespace: NS, name });
const C = (name: string): NodeRef => ({ type: 'COMPUTATION', namespace: JOBS, name });

export const ids = {
  a: nodeId('ASSET', NS, 'ods.a'),
  b: nodeId('ASSET', NS, 'ods.b'),
  c: nodeId('ASSET', NS, 'ods.c'),
  x: nodeId('ASSET', NS, 'dw.x'),
  feature: nodeId('ASSET', NS, 'features.x_score'),
  rule: nodeId('ASSET', NS, 'rules.block_x'),
  c1: nodeId('COMPUTATION', JOBS, 'c1'),
  c2: nodeId('COMPUTATION', JOBS, 'c2'),
  pipeline: nodeId('COMPUTATION', JOBS, 'features.x_score.pipeline'),
  evaluation: nodeId('COMPUTATION', JOBS, 'rules.block_x.evaluation'),
};

export function riskPlatform(): Changeset {
  return {
    source: 'test:gql',
    mode: 'full',
    assets: [
      asset('ods.a', 'TABLE', { fields: [{ name: 'id', type: 'bigint' }, { name: 'amount', type: 'decimal' }] }),
      asset('ods.b', 'TABLE', { fields: [{ name: 'id', type: 'bigint' }, { name: 'phone', type: 'text' }] }),
      asset('ods.c', 'STREAM'),
      asset('dw.x', 'TABLE', { description: 'the wide table', owners: [{ name: 'team-risk', type: 'TEAM' }], fields: [{ name: 'id', type: 'bigint' }] }),
      asset('features.x_score', 'FEATURE'),
      asset('rules.block_x', 'RULE', { code: { language: 'rule', text: 'x_score > 0.9' } }),
    ],
    computations: [comp('c1'), comp('c2'), comp('features.x_score.pipeline', 'FEATURE_PIPELINE'), comp('rules.block_x.evaluation', 'RULE_EVALUATION')],
    edges: [
      { from: A('ods.a'), to: C('c1') },
      { from: A('ods.b'), to: C('c1') },
      { from: C('c1'), to: A('dw.x') },
      { from: A('ods.a'), to: C('c2') },
      { from: A('ods.c'), to: C('c2') },
      { from: C('c2'), to: A('dw.x') },
      { from: A('dw.x'), to: C('features.x_score.pipeline') },
      { from: C('features.x_score.pipeline'), to: A('features.x_score') },
      { from: A('features.x_score'), to: C('rules.block_x.evaluation') },
      { from: C('rules.block_x.evaluation'), to: A('rules.block_x') },
    ],
    tags: [
      { target: A('ods.b'), field: 'phone', key: 'pii', value: 'phone' },
      { target: A('rules.block_x'), key: 'purpose', value: 'anti-fraud' },
    ],
    runs: [{ runId: '00000000-0000-4000-8000-000000000001', computation: { namespace: JOBS, name: 'c1' }, state: 'COMPLETE', startedAt: '2026-11-20T01:00:00Z', endedAt: '2026-11-20T01:05:00Z', cost: 4 }],
  };
}

/** Version 2: c2 no longer reads C. */
export function dropCRead(): Changeset {
  return { source: 'test:gql', mode: 'delta', retract: { edges: [{ from: A('ods.c'), to: C('c2') }] } };
}

export const WINDOW = { from: '2026-11-01T00:00:00Z', to: '2026-11-08T00:00:00Z' };

export async function loadRiskPlatform(store: GraphStore): Promise<void> {
  await store.apply(riskPlatform());
  await store.apply(dropCRead());
  const day = (d: number) => `2026-11-0${d}T00:00:00Z`;
  await store.recordMetrics('metrics:test', [
    ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({ nodeId: ids.rule, metric: 'rule.evaluations', granularity: 'day' as const, bucketStart: day(d), value: 1000 })),
    { nodeId: ids.c1, metric: 'cost.compute', granularity: 'day', bucketStart: day(1), value: 30 },
    { nodeId: ids.c2, metric: 'cost.compute', granularity: 'day', bucketStart: day(1), value: 10 },
    { nodeId: ids.pipeline, metric: 'cost.compute', granularity: 'day', bucketStart: day(1), value: 5 },
  ]);
}
