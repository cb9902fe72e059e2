import type { NodeDefinition } from '../../../graph-model/model.js';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { readAllEdges, readAllFieldEdges } from '../../../graph-model/store/operations/readFacts.js';

/**
 * The whole graph at a version in a form a person can read and check by hand: nodes as
 * `namespace::name`, edges as `from -KIND-> to`, field edges as `in#field -> out#field via job TYPE/SUBTYPE`.
 */
export interface GraphSnapshot {
  assets: { namespace: string; name: string; kind: string; definition: NodeDefinition }[];
  computations: { namespace: string; name: string; kind: string; definition: NodeDefinition }[];
  edges: string[];
  fieldEdges: string[];
  runs: { runId: string; computation: string; state: string; startedAt: string | null; endedAt: string | null; properties: Record<string, unknown> }[];
}

const byIdentity = (a: { namespace: string; name: string }, b: { namespace: string; name: string }) =>
  a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);

export async function graphSnapshot(store: GraphStore, asOf?: number): Promise<GraphSnapshot> {
  const version = await store.resolveAsOf(asOf);
  const ids = (await store.db.query<{ id: string }>('SELECT id FROM node')).map((row) => row.id);
  const nodes = await store.nodes(ids, version);
  const label = new Map(nodes.map((n) => [n.id, `${n.namespace}::${n.name}`]));
  const of = (id: string) => label.get(id) ?? `<dead ${id}>`;
  const shape = (n: (typeof nodes)[number]) => ({ namespace: n.namespace, name: n.name, kind: n.kind, definition: n.definition });
  const computations = nodes.filter((n) => n.type === 'COMPUTATION');
  const runs = (await Promise.all(computations.map((c) => store.runs(c.id, version)))).flat();
  return {
    assets: nodes.filter((n) => n.type === 'ASSET').sort(byIdentity).map(shape),
    computations: computations.sort(byIdentity).map(shape),
    edges: (await readAllEdges(store.db, version)).map((e) => `${of(e.from)} -${e.kind}-> ${of(e.to)}`).sort(),
    fieldEdges: (await readAllFieldEdges(store.db, version))
      .map(
        (f) =>
          `${of(f.inputId)}#${f.inputField} -> ${of(f.outputId)}#${f.outputField} via ${of(f.computationId)} ` +
          `${f.transformationType}/${f.transformationSubtype}${f.masking ? ' masked' : ''}`,
      )
      .sort(),
    runs: runs
      .map((r) => ({ runId: r.runId, computation: of(r.computationId), state: r.state, startedAt: r.startedAt, endedAt: r.endedAt, properties: r.properties }))
      .sort((a, b) => a.runId.localeCompare(b.runId)),
  };
}
