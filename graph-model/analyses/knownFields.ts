import { END_OF_LIST } from '../index/edgeTable.js';
import type { VersionedGraph } from '../index/versionedGraph.js';
import { WHOLE_ASSET } from '../model.js';
import { fieldsOverlap } from './nodeSummary.js';

/**
 * The fields of `fields` that asset `n` does not have at `version`, in the order given: a field is
 * known when the asset declares it (or a nested part of it, `address` for `address.city`), when a
 * field edge valid at the version reads or writes it (column lineage of an asset without a
 * declared schema), or when it is '' (the asset as a whole). A typo then names nothing the graph
 * has, and callers refuse it instead of answering about nothing. An asset that declares no field
 * and has no field edge has an unknown schema: no field of it can be called unknown, so none is.
 */
export function unknownFields(graph: VersionedGraph, n: number, version: number, fields: readonly string[]): string[] {
  const declared = graph.nodes.versionAt(n, version)?.fields ?? [];
  let edged: Set<string> | undefined;
  const edgeFields = (): Set<string> => {
    if (edged) return edged;
    edged = new Set();
    const F = graph.fieldEdges;
    for (let f = F.firstByInput(n, version); f !== END_OF_LIST; f = F.nextByInput(f, version)) edged.add(graph.strings.get(F.inputFieldOf(f)));
    for (let f = F.firstByOutput(n, version); f !== END_OF_LIST; f = F.nextByOutput(f, version)) edged.add(graph.strings.get(F.outputFieldOf(f)));
    return edged;
  };
  if (declared.length === 0 && ![...edgeFields()].some((e) => e !== WHOLE_ASSET)) return [];
  const known = (field: string) =>
    field === WHOLE_ASSET || declared.some((d) => fieldsOverlap(d, field)) || [...edgeFields()].some((e) => e !== WHOLE_ASSET && fieldsOverlap(e, field));
  return fields.filter((field) => !known(field));
}
