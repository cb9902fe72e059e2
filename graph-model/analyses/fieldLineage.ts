import { END_OF_LIST } from '../index/edgeTable.js';
import type { VersionedGraph } from '../index/versionedGraph.js';
import { WHOLE_ASSET } from '../model.js';
import type { LineageWalk } from './lineageWalk.js';
import { fieldsOverlap } from './nodeSummary.js';

/** A walk position: a field of an asset, or the whole asset (field ''). */
export interface FieldState {
  node: number;
  field: string;
}

const keyOf = (node: number, field: string) => `${node}\u001f${field}`;

/**
 * Field-level lineage: breadth-first over (asset, field) pairs along field edges valid at `version`.
 * A field edge spans two hops (input asset -> computation -> output asset), like node lineage.
 *
 * The whole asset (field '') is the asset as a whole, following OpenLineage's dataset-level
 * dependencies: an edge whose input is '' says its output depends on every field of the input, so
 * it is followed from any field of that asset; an edge whose output is '' says every field of the
 * output depends on its input, so it is followed back from any field of that asset. Starting from
 * an asset without a field starts from '' and so follows all of its field edges. Nested fields
 * overlap their parents (`address` reaches edges from `address.city` and the other way round).
 * Only field edges are followed: a computation with node edges but no field edges is not reached
 * at field level (node-level lineage shows it).
 */
export function walkFields(
  graph: VersionedGraph,
  walk: LineageWalk,
  starts: (FieldState & { distance: number })[],
  downstream: boolean,
  depth: number,
  version: number,
): void {
  const F = graph.fieldEdges;
  const first = downstream ? (n: number) => F.firstByInput(n, version) : (n: number) => F.firstByOutput(n, version);
  const next = downstream ? (f: number) => F.nextByInput(f, version) : (f: number) => F.nextByOutput(f, version);
  const nearField = downstream ? (f: number) => F.inputFieldOf(f) : (f: number) => F.outputFieldOf(f);
  const far = downstream ? (f: number) => F.outputOf(f) : (f: number) => F.inputOf(f);
  const farField = downstream ? (f: number) => F.outputFieldOf(f) : (f: number) => F.inputFieldOf(f);
  const seen = new Map<string, number>();
  const queue: FieldState[] = [];
  const visit = (state: FieldState, distance: number) => {
    const key = keyOf(state.node, state.field);
    if (seen.has(key)) return;
    seen.set(key, distance);
    queue.push(state);
    const known = walk.fields.get(key);
    if (!known || distance < known.distance) walk.fields.set(key, { node: state.node, field: state.field, distance });
  };
  for (const s of starts) visit({ node: s.node, field: s.field }, s.distance);
  for (let head = 0; head < queue.length; head++) {
    const { node, field } = queue[head]!;
    const d = seen.get(keyOf(node, field))!;
    for (let f = first(node); f !== END_OF_LIST; f = next(f)) {
      const edgeField = graph.strings.get(nearField(f));
      if (!(field === WHOLE_ASSET || edgeField === WHOLE_ASSET || fieldsOverlap(edgeField, field))) continue;
      if (d + 2 > depth) {
        walk.beyondDepth = true;
        if (d + 1 <= depth) walk.reach(F.computationOf(f), d + 1);
        continue;
      }
      const target = far(f);
      if (!walk.reach(F.computationOf(f), d + 1) || !walk.reach(target, d + 2)) continue;
      walk.fieldEdges.add(f);
      visit({ node: target, field: graph.strings.get(farField(f)) }, d + 2);
    }
  }
}

/** Field states to start from when the start is a computation: the fields its field edges touch. */
export function computationFieldStarts(graph: VersionedGraph, computation: number, downstream: boolean, version: number): FieldState[] {
  const F = graph.fieldEdges;
  const out: FieldState[] = [];
  for (let f = F.firstByComputation(computation, version); f !== END_OF_LIST; f = F.nextByComputation(f, version)) {
    out.push(downstream ? { node: F.outputOf(f), field: graph.strings.get(F.outputFieldOf(f)) } : { node: F.inputOf(f), field: graph.strings.get(F.inputFieldOf(f)) });
  }
  return out;
}

/** The READS and WRITES edges under the followed field edges, so the node subgraph is connected. */
export function nodeEdgesUnderFieldEdges(graph: VersionedGraph, walk: LineageWalk, version: number): void {
  const E = graph.edges;
  const F = graph.fieldEdges;
  for (const f of walk.fieldEdges) {
    const c = F.computationOf(f);
    for (let e = E.firstIn(c, version); e !== END_OF_LIST; e = E.nextIn(e, version)) {
      if (E.sourceOf(e) === F.inputOf(f)) walk.addEdge(e);
    }
    for (let e = E.firstOut(c, version); e !== END_OF_LIST; e = E.nextOut(e, version)) {
      if (E.targetOf(e) === F.outputOf(f)) walk.addEdge(e);
    }
  }
}
