import { nodeId } from '../../graph-model/ids.js';
import type { Changeset, EdgeAssertion, NodeRef, NodeVersion } from '../../graph-model/model.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { seededRandom } from '../stats.js';
import { SOURCE, assetRef, domainCount, hubRef, writerRef } from './platformNames.js';
import type { PlatformShape } from './platformShape.js';

export const HISTORY_STEPS = 3;

/**
 * A later delta changeset (step 1..HISTORY_STEPS) of the loaded platform, so there is history for
 * old-asOf reads: some DWD and wide jobs swap one input for another, some DWD jobs stop reading the
 * hub and others start, and some tables are redefined. It reads the jobs' current inputs from the
 * store (a retraction must name an edge that exists), so it depends on the steps before it.
 */
export async function historyChangeset(shape: PlatformShape, store: GraphStore, step: number): Promise<Changeset> {
  const random = seededRandom(shape.seed + 100 + step);
  const size = shape.layerSize;
  const changes = Math.max(10, Math.round(size.wide * 0.002));
  const edges: EdgeAssertion[] = [];
  const retracted: EdgeAssertion[] = [];
  const refs = new Map<string, NodeRef>();
  const refOf = (v: NodeVersion): NodeRef => ({ type: v.type, namespace: v.namespace, name: v.name });

  for (let k = 0; k < changes; k++) {
    const layer = k % 2 === 0 ? 'dwd' : 'wide';
    const i = Math.floor(random() * size[layer]);
    const job = writerRef(shape, layer, i);
    const jobId = nodeId(job.type, job.namespace, job.name);
    const inputs = await store.edges(jobId, { direction: 'in' });
    if (inputs.length === 0) continue;
    const dropped = inputs[Math.floor(random() * inputs.length)]!;
    for (const v of await store.nodes([dropped.from])) refs.set(v.id, refOf(v));
    retracted.push({ from: refs.get(dropped.from)!, to: job });
    const upstream = layer === 'dwd' ? 'ods' : 'dwd';
    const d = i % shape.domains;
    const added = assetRef(shape, upstream, Math.floor(random() * domainCount(shape, size[upstream], d)) * shape.domains + d);
    if (!inputs.some((e) => e.from === nodeId('ASSET', added.namespace, added.name))) edges.push({ from: added, to: job });
  }

  // The hub loses a few readers and gains as many, so hub lineage differs between versions.
  const hub = hubRef(shape);
  const hubReaders = await store.edges(nodeId('ASSET', hub.namespace, hub.name), { direction: 'out' });
  const moved = Math.min(hubReaders.length, Math.max(2, Math.round(hubReaders.length * 0.05)));
  for (let k = 0; k < moved; k++) {
    const reader = hubReaders[Math.floor(random() * hubReaders.length)]!;
    for (const v of await store.nodes([reader.to])) refs.set(v.id, refOf(v));
    retracted.push({ from: hub, to: refs.get(reader.to)! });
    edges.push({ from: hub, to: writerRef(shape, 'dwd', Math.floor(random() * size.dwd)) });
  }

  const redefined = Math.max(10, Math.round(shape.assets * 0.001));
  const assets = [];
  for (let k = 0; k < redefined; k++) {
    const layer = (['ods', 'dwd', 'wide'] as const)[k % 3]!;
    const ref = assetRef(shape, layer, Math.floor(random() * size[layer]));
    assets.push({
      namespace: ref.namespace,
      name: ref.name,
      kind: 'TABLE',
      definition: {
        description: `revised in step ${step}`,
        fields: [{ name: 'id', type: 'bigint' }, { name: 'ts', type: 'timestamp' }, { name: 'v', type: 'double' }, { name: `added_${step}`, type: 'text' }],
        owners: [{ name: 'team-revisions' }],
      },
    });
  }
  // An edge both retracted and re-added in one changeset would be ambiguous: keep the retraction.
  const key = (e: EdgeAssertion) => `${e.from.namespace}/${e.from.name}>${e.to.namespace}/${e.to.name}`;
  const gone = new Set(retracted.map(key));
  const kept = edges.filter((e, n) => !gone.has(key(e)) && edges.findIndex((f) => key(f) === key(e)) === n);
  return { source: SOURCE, mode: 'delta', assets, edges: kept, retract: { edges: dedupe(retracted, key) } };
}

function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)) !== undefined);
}
