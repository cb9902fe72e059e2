import { DctxError } from '../dctxError.js';
import type { VersionedGraph } from '../index/versionedGraph.js';
import type { FieldRef } from './lineage.js';
import { unknownFields } from './knownFields.js';

/**
 * A check asked about fields or nodes the graph does not have at the analysed version: a typo
 * (`#no_such_column`) would otherwise match nothing and report the consumers of unknown usage as
 * broken, which reads like a real answer. The API turns it into BAD_USER_INPUT, the CLI into a
 * non-zero exit, both with the message naming each unknown reference.
 */
export class UnknownReferenceError extends DctxError<'BAD_USER_INPUT'> {
  constructor(
    readonly version: number,
    /** `<asset id>` or `<asset id>#<field>`, as given. */
    readonly unknown: string[],
    readonly argument: 'fields' | 'ids',
  ) {
    super('BAD_USER_INPUT', `unknown at graph version ${version}: ${unknown.join(', ')} (no such ${argument === 'fields' ? 'asset or field' : 'node'})`);
  }
}

/**
 * The field references among `refs` that name no asset, or a field the asset's schema does not
 * have (knownFields.ts: declared, or read or written by a field edge; an asset with neither has an
 * unknown schema and any field of it is taken as given).
 */
export function unknownFieldRefs(graph: VersionedGraph, refs: readonly FieldRef[], version: number): string[] {
  const unknown: string[] = [];
  for (const ref of refs) {
    const n = graph.nodeAt(ref.id, version);
    if (n === undefined || !graph.nodes.isAsset(n)) unknown.push(ref.id);
    else if (unknownFields(graph, n, version, [ref.field]).length > 0) unknown.push(`${ref.id}#${ref.field}`);
  }
  return unknown;
}
