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
  const edgeFields = (): Set<string> => {
    const edged = new Set<string>();
    const F = graph.fieldEdges;
    for (let f = F.firstByInput(n, version); f !== END_OF_LIST; f = F.nextByInput(f, version)) edged.add(graph.strings.get(F.inputFieldOf(f)));
    for (let f = F.firstByOutput(n, version); f !== END_OF_LIST; f = F.nextByOutput(f, version)) edged.add(graph.strings.get(F.outputFieldOf(f)));
    return edged;
  };
  return unknownAmong(declared, edgeFields, fields);
}

/**
 * unknownFields over an asset's declared fields and the fields its valid field edges name
 * (`edgeFields`, asked only when needed), however they were read: from the index, or from Neo4j
 * (graph-model/neo4j/neo4jStartFields.ts).
 */
export function unknownAmong(declared: readonly string[], edgeFields: () => Iterable<string>, fields: readonly string[]): string[] {
  let edged: string[] | undefined;
  const named = () => (edged ??= [...edgeFields()].filter((e) => e !== WHOLE_ASSET));
  if (declared.length === 0 && named().length === 0) return [];
  const known = (field: string) => field === WHOLE_ASSET || declared.some((d) => fieldsOverlap(d, field)) || named().some((e) => fieldsOverlap(e, field));
  return fields.filter((field) => !known(field));
}
