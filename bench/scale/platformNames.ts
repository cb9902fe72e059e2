import type { NodeRef } from '../../graph-model/model.js';
import type { Layer, PlatformShape } from './platformShape.js';

/**
 * Names of the synthetic platform's nodes, derived from (layer, index) alone: the generator, the
 * later changesets and the checks all find a node again without a lookup table. Index i of a layer
 * belongs to domain i % domains, with rank i / domains inside it (rank 0 is the domain's hot table).
 */

export const SOURCE = 'synthetic:platform';

const ASSET_NAMESPACE: Record<Layer, string> = {
  stream: 'kafka://risk-prod',
  ods: 'hive://warehouse',
  dwd: 'hive://warehouse',
  wide: 'hive://warehouse',
  feature: 'risk.features',
  model: 'risk.models',
  rule: 'risk.rules',
  service: 'risk.services',
};

export const ASSET_KIND: Record<Layer, string> = {
  stream: 'STREAM',
  ods: 'TABLE',
  dwd: 'TABLE',
  wide: 'TABLE',
  feature: 'FEATURE',
  model: 'MODEL',
  rule: 'RULE',
  service: 'SERVICE',
};

const ASSET_NAME: Record<Layer, (d: number, r: number) => string> = {
  stream: (d, r) => `events.d${d}_s${r}`,
  ods: (d, r) => `ods.d${d}_t${r}`,
  dwd: (d, r) => `dwd.d${d}_t${r}`,
  wide: (d, r) => `dws.d${d}_wide${r}`,
  feature: (d, r) => `d${d}.f${r}`,
  model: (d, r) => `d${d}.m${r}`,
  rule: (d, r) => `d${d}.r${r}`,
  service: (d, r) => `d${d}.svc${r}`,
};

export function assetRef(shape: PlatformShape, layer: Layer, index: number): NodeRef {
  const d = index % shape.domains;
  return { type: 'ASSET', namespace: ASSET_NAMESPACE[layer], name: ASSET_NAME[layer](d, Math.floor(index / shape.domains)) };
}

/** The computation that writes an asset of the ODS, DWD and wide layers, or evaluates a rule, or runs a service. */
export function writerRef(shape: PlatformShape, layer: 'ods' | 'dwd' | 'wide' | 'rule' | 'service', index: number): NodeRef {
  const asset = assetRef(shape, layer, index);
  switch (layer) {
    case 'ods':
      return { type: 'COMPUTATION', namespace: 'flink://risk-prod', name: `ingest.${asset.name}` };
    case 'dwd':
    case 'wide':
      return { type: 'COMPUTATION', namespace: 'airflow://warehouse', name: `etl.${asset.name}` };
    case 'rule':
      return { type: 'COMPUTATION', namespace: 'risk.rules', name: `${asset.name}.evaluate` };
    case 'service':
      return { type: 'COMPUTATION', namespace: 'risk.services', name: `${asset.name}.decide` };
  }
}

export const COMPUTATION_KIND = { ods: 'STREAM_JOB', dwd: 'BATCH_JOB', wide: 'BATCH_JOB', rule: 'RULE_EVALUATION', service: 'SERVICE_CALL' } as const;

/** Feature pipeline q of domain d writes that domain's features of ranks FEATURES_PER_PIPELINE*q onwards. */
export const FEATURES_PER_PIPELINE = 4;
export function pipelineRef(domain: number, q: number): NodeRef {
  return { type: 'COMPUTATION', namespace: 'risk.features', name: `pipeline.d${domain}_p${q}` };
}

export function modelComputationRef(shape: PlatformShape, index: number, what: 'training' | 'inference'): NodeRef {
  return { type: 'COMPUTATION', namespace: 'risk.models', name: `${assetRef(shape, 'model', index).name}.${what}` };
}

/** How many indices of a layer of `size` belong to `domain`. */
export function domainCount(shape: PlatformShape, size: number, domain: number): number {
  return size > domain ? Math.floor((size - 1 - domain) / shape.domains) + 1 : 0;
}

/** The hub: the most-read shared dimension table (ODS index 0). */
export function hubRef(shape: PlatformShape): NodeRef {
  return assetRef(shape, 'ods', 0);
}
