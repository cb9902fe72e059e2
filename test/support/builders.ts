import type { Changeset, EdgeAssertion, FieldEdgeAssertion, NodeAssertion, NodeRef } from '../../graph-model/model.js';

export const NS = 'postgres://warehouse:5432';
export const JOBS = 'risk.jobs';

export function table(name: string, fields: string[] = [], extra: Partial<NodeAssertion> = {}): NodeAssertion {
  return { namespace: NS, name, kind: 'TABLE', definition: { fields: fields.map((f) => ({ name: f, type: 'text' })) }, ...extra };
}

export function job(name: string, sql?: string): NodeAssertion {
  return { namespace: JOBS, name, kind: 'BATCH_JOB', definition: sql ? { code: { language: 'sql', text: sql } } : {} };
}

export const A = (name: string): NodeRef => ({ type: 'ASSET', namespace: NS, name });
export const C = (name: string): NodeRef => ({ type: 'COMPUTATION', namespace: JOBS, name });

export function reads(tableName: string, jobName: string): EdgeAssertion {
  return { from: A(tableName), to: C(jobName) };
}

export function writes(jobName: string, tableName: string): EdgeAssertion {
  return { from: C(jobName), to: A(tableName) };
}

export function fieldEdge(jobName: string, input: [string, string], output: [string, string], masking = false): FieldEdgeAssertion {
  return {
    computation: { namespace: JOBS, name: jobName },
    input: { namespace: NS, name: input[0], field: input[1] },
    output: { namespace: NS, name: output[0], field: output[1] },
    transformation: { type: 'DIRECT', subtype: masking ? 'TRANSFORMATION' : 'IDENTITY', masking },
  };
}

/** A small pipeline: orders and users are read by `enrich`, which writes orders_enriched. */
export function pipeline(source = 'dbt:shop', mode: 'full' | 'delta' = 'full'): Changeset {
  return {
    source,
    mode,
    assets: [table('shop.public.orders', ['id', 'user_id', 'amount']), table('shop.public.users', ['id', 'phone']), table('shop.mart.orders_enriched', ['id', 'amount', 'phone'])],
    computations: [job('enrich', 'insert into orders_enriched select ...')],
    edges: [reads('shop.public.orders', 'enrich'), reads('shop.public.users', 'enrich'), writes('enrich', 'shop.mart.orders_enriched')],
    fieldEdges: [
      fieldEdge('enrich', ['shop.public.orders', 'id'], ['shop.mart.orders_enriched', 'id']),
      fieldEdge('enrich', ['shop.public.orders', 'amount'], ['shop.mart.orders_enriched', 'amount']),
      fieldEdge('enrich', ['shop.public.users', 'phone'], ['shop.mart.orders_enriched', 'phone'], true),
    ],
    tags: [{ target: A('shop.public.users'), field: 'phone', key: 'pii', value: 'phone' }],
  };
}
