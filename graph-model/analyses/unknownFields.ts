import type { VersionedGraph } from '../index/versionedGraph.js';
import { WHOLE_ASSET } from '../model.js';
import type { FieldRef } from './lineage.js';
import { fieldsOverlap } from './nodeSummary.js';

/**
 * A check asked about fields or nodes the graph does not have at the analysed version: a typo
 * (`#no_such_column`) would otherwise match nothing and report the consumers of unknown usage as
 * broken, which reads like a real answer. The API turns it into BAD_USER_INPUT, the CLI into a
 * non-zero exit, both with the message naming each unknown reference.
 */
export class UnknownReferenceError extends Error {
  override name = 'UnknownReferenceError';
  constructor(
    readonly version: number,
    /** `<asset id>` or `<asset id>#<field>`, as given. */
    readonly unknown: string[],
    readonly argument: 'fields' | 'ids',
  ) {
    super(`unknown at graph version ${version}: ${unknown.join(', ')} (no such ${argument === 'fields' ? 'asset or field' : 'node'})`);
  }
}

/**
 * The field references among `refs` that name no asset, or a field the asset's schema does not
 * have. An asset's known fields are those it declares and those field edges read from it or write
 * into it; an asset with none of either has an unknown schema and any field of it is taken as given.
 * A struct member (`address.city`) is known when its struct or one of its members is.
 */
export function unknownFieldRefs(graph: VersionedGraph, refs: readonly FieldRef[], version: number): string[] {
  const unknown: string[] = [];
  const known = new Map<number, string[]>();
  for (const ref of refs) {
    const n = graph.nodeAt(ref.id, version);
    if (n === undefined || !graph.nodes.isAsset(n)) {
      unknown.push(ref.id);
      continue;
    }
    if (ref.field === WHOLE_ASSET) continue;
    let fields = known.get(n);
    if (!fields) {
      fields = knownFields(graph, n, version);
      known.set(n, fields);
    }
    if (fields.length > 0 && !fields.some((f) => fieldsOverlap(f, ref.field))) unknown.push(`${ref.id}#${ref.field}`);
  }
  return unknown;
}

function knownFields(graph: VersionedGraph, n: number, version: number): string[] {
  const fields = new Set(graph.nodes.versionAt(n, version)?.fields ?? []);
  const F = graph.fieldEdges;
  const live = (f: number) => F.fromVersion[f]! <= version && version < F.toVersion[f]!;
  for (let f = F.headByInput[n] ?? -1; f !== -1; f = F.nextByInput[f]!) if (live(f)) fields.add(graph.strings.get(F.inputField[f]!));
  for (let f = F.headByOutput[n] ?? -1; f !== -1; f = F.nextByOutput[f]!) if (live(f)) fields.add(graph.strings.get(F.outputField[f]!));
  fields.delete(WHOLE_ASSET);
  return [...fields];
}
