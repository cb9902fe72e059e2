import type { Changeset, EdgeAssertion, NodeAssertion, NodeDefinition, NodeRef } from '../../graph-model/model.js';
import { seededRandom } from '../stats.js';
import {
  ASSET_KIND,
  COMPUTATION_KIND,
  FEATURES_PER_PIPELINE,
  SOURCE,
  assetRef,
  domainCount,
  modelComputationRef,
  pipelineRef,
  writerRef,
} from './platformNames.js';
import type { Layer, PlatformShape } from './platformShape.js';

/**
 * The synthetic risk platform as a stream of delta changesets of about `shape.chunkNodes` nodes,
 * upstream layers first, so every edge names nodes already loaded or in the same changeset and the
 * whole platform is never held in memory. Deterministic: one seeded PRNG consumed in a fixed order.
 *
 * Fan-out is power-law: inside a domain, inputs are picked at rank floor(count * u^alpha), so each
 * domain has hot tables; across domains, a few hub dimension tables (ODS 0..hubs-1) are read by a
 * share of every domain's DWD and wide jobs. One read in ten (one in twenty for features) leaves
 * its domain.
 */
export function* platformChangesets(shape: PlatformShape): Generator<Changeset> {
  const random = seededRandom(shape.seed);
  const size = shape.layerSize;
  const D = shape.domains;
  let chunk = newChunk();

  const team = (d: number) => [{ name: `team-${d % 60}` }];
  const tableDefinition = (d: number): NodeDefinition => ({
    fields: [{ name: 'id', type: 'bigint' }, { name: 'ts', type: 'timestamp' }, { name: 'v', type: 'double' }],
    owners: team(d),
  });
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  /** A power-law pick in `layer`, in domain d most of the time. */
  const pick = (layer: Layer, d: number, alpha: number, leaveDomain = 0.1): number => {
    let domain = random() < leaveDomain ? Math.floor(random() * D) : d;
    if (domainCount(shape, size[layer], domain) === 0) domain = domain % Math.min(D, size[layer]);
    const count = domainCount(shape, size[layer], domain);
    return Math.floor(count * Math.pow(random(), alpha)) * D + domain;
  };
  const hub = () => Math.floor(shape.hubs * Math.pow(random(), 2));

  function addAsset(layer: Layer, index: number, definition: NodeDefinition) {
    const ref = assetRef(shape, layer, index);
    chunk.assets!.push({ namespace: ref.namespace, name: ref.name, kind: ASSET_KIND[layer], definition });
    return ref;
  }
  function addComputation(ref: NodeRef, kind: string, d: number) {
    chunk.computations!.push({ namespace: ref.namespace, name: ref.name, kind, definition: { owners: team(d) } });
  }
  /** READS edges from distinct inputs. */
  function reads(job: NodeRef, inputs: Iterable<[Layer, number]>) {
    const seen = new Set<string>();
    for (const [layer, index] of inputs) {
      const key = `${layer}:${index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      chunk.edges!.push({ from: assetRef(shape, layer, index), to: job });
    }
  }
  const writes = (job: NodeRef, output: NodeRef) => chunk.edges!.push({ from: job, to: output });
  const repeat = function* <T>(n: number, f: () => T): Generator<T> {
    for (let i = 0; i < n; i++) yield f();
  };

  for (let i = 0; i < size.stream; i++) {
    addAsset('stream', i, { owners: team(i % D) });
    if (full(chunk, shape)) {
        yield chunk;
        chunk = newChunk();
      }
  }
  for (const layer of ['ods', 'dwd', 'wide'] as const) {
    for (let i = 0; i < size[layer]; i++) {
      const d = i % D;
      const out = addAsset(layer, i, tableDefinition(d));
      const job = writerRef(shape, layer, i);
      addComputation(job, COMPUTATION_KIND[layer], d);
      if (layer === 'ods') reads(job, repeat(between(1, 2), () => ['stream', pick('stream', d, 1.5, 0)] as [Layer, number]));
      if (layer === 'dwd') {
        const inputs: [Layer, number][] = [...repeat(between(3, 9), () => ['ods', pick('ods', d, 2.5)] as [Layer, number])];
        if (random() < 0.05) inputs.push(['ods', hub()]);
        reads(job, inputs);
      }
      if (layer === 'wide') {
        const inputs: [Layer, number][] = [...repeat(between(4, 14), () => (random() < 0.8 ? ['dwd', pick('dwd', d, 2.5)] : ['ods', pick('ods', d, 2.5)]) as [Layer, number])];
        if (random() < 0.03) inputs.push(['ods', hub()]);
        reads(job, inputs);
      }
      writes(job, out);
      if (full(chunk, shape)) {
        yield chunk;
        chunk = newChunk();
      }
    }
  }
  // Feature pipelines, domain by domain: pipeline (d, q) writes ranks 4q..4q+3 of domain d.
  const pipelinesPerDomain = Math.ceil(domainCount(shape, size.feature, 0) / FEATURES_PER_PIPELINE);
  for (let q = 0; q < pipelinesPerDomain; q++) {
    for (let d = 0; d < D; d++) {
      const count = domainCount(shape, size.feature, d);
      if (q * FEATURES_PER_PIPELINE >= count) continue;
      const job = pipelineRef(d, q);
      addComputation(job, 'FEATURE_PIPELINE', d);
      const source = () => {
        const u = random();
        return (u < 0.6 ? ['wide', pick('wide', d, 2, 0.05)] : u < 0.8 ? ['dwd', pick('dwd', d, 2, 0.05)] : ['stream', pick('stream', d, 1.5, 0.05)]) as [Layer, number];
      };
      reads(job, repeat(between(1, 6), source));
      for (let r = q * FEATURES_PER_PIPELINE; r < Math.min(count, (q + 1) * FEATURES_PER_PIPELINE); r++) {
        writes(job, addAsset('feature', r * D + d, { owners: team(d) }));
      }
      if (full(chunk, shape)) {
        yield chunk;
        chunk = newChunk();
      }
    }
  }
  for (let i = 0; i < size.model; i++) {
    const d = i % D;
    const model = addAsset('model', i, { owners: team(d), properties: { algorithm: i % 3 === 0 ? 'gbdt' : 'lr' } });
    const training = modelComputationRef(shape, i, 'training');
    const inference = modelComputationRef(shape, i, 'inference');
    addComputation(training, 'TRAINING', d);
    addComputation(inference, 'INFERENCE', d);
    const features: [Layer, number][] = [...repeat(between(20, 60), () => ['feature', pick('feature', d, 1.5)] as [Layer, number])];
    reads(training, [...features, ['wide', pick('wide', d, 2)]]);
    reads(inference, features.slice(0, between(10, 30)));
    writes(training, model);
    writes(inference, model);
    if (full(chunk, shape)) {
        yield chunk;
        chunk = newChunk();
      }
  }
  for (let i = 0; i < size.rule; i++) {
    const d = i % D;
    const rule = addAsset('rule', i, { owners: team(d), code: { language: 'rule', text: `score > ${(i % 97) / 100}` } });
    const job = writerRef(shape, 'rule', i);
    addComputation(job, COMPUTATION_KIND.rule, d);
    const inputs: [Layer, number][] = [...repeat(between(4, 16), () => ['feature', pick('feature', d, 2)] as [Layer, number])];
    if (random() < 0.3) inputs.push(['model', pick('model', d, 1.5, 0)]);
    reads(job, inputs);
    writes(job, rule);
    if (full(chunk, shape)) {
        yield chunk;
        chunk = newChunk();
      }
  }
  // Each rule is deployed in exactly one decision service (rule i in service i % services).
  for (let s = 0; s < size.service; s++) {
    const d = s % D;
    const service = addAsset('service', s, { owners: team(d) });
    const job = writerRef(shape, 'service', s);
    addComputation(job, COMPUTATION_KIND.service, d);
    const rules: [Layer, number][] = [];
    for (let r = s; r < size.rule; r += size.service) rules.push(['rule', r]);
    reads(job, rules);
    writes(job, service);
    if (full(chunk, shape)) {
        yield chunk;
        chunk = newChunk();
      }
  }
  if (chunk.assets!.length + chunk.computations!.length > 0) yield chunk;
}

function newChunk(): Changeset & { assets: NodeAssertion[]; computations: NodeAssertion[]; edges: EdgeAssertion[] } {
  return { source: SOURCE, mode: 'delta', assets: [], computations: [], edges: [] };
}

function full(chunk: Changeset, shape: PlatformShape): boolean {
  return chunk.assets!.length + chunk.computations!.length >= shape.chunkNodes;
}
