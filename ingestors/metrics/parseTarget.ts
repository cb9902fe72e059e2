import type { NodeRef, NodeType } from '../../graph-model/model.js';

const TYPES: Record<string, NodeType> = { asset: 'ASSET', computation: 'COMPUTATION' };

/** `asset` / `computation` (any case) as a node type, or null. */
export function nodeTypeOf(text: string): NodeType | null {
  return TYPES[text.trim().toLowerCase()] ?? null;
}

/** A namespace that is a URI authority, as OpenLineage writes them: `postgres://host:5432`, `s3://bucket`. */
const URI_NAMESPACE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*/;

/**
 * Reads `asset:<namespace>/<name>` or `computation:<namespace>/<name>`. Namespaces of OpenLineage
 * naming contain `//` (`postgres://warehouse:5432`), so the namespace is `scheme://authority` when
 * it starts like a URI, and otherwise everything up to the first `/`; the name is the rest and may
 * itself contain `/` (`asset:s3://bucket//data/events.parquet` is name `/data/events.parquet`).
 * A namespace that fits neither rule needs the separate type, namespace and name columns.
 */
export function parseTarget(text: string): NodeRef | { error: string } {
  const colon = text.indexOf(':');
  const type = colon < 0 ? null : nodeTypeOf(text.slice(0, colon));
  if (type === null) return { error: `target "${text}" must start with asset: or computation:` };
  const rest = text.slice(colon + 1);
  const uri = URI_NAMESPACE.exec(rest);
  const slash = uri ? uri[0].length : rest.indexOf('/');
  if (slash < 0 || rest[slash] !== '/') return { error: `target "${text}" must be ${text.slice(0, colon)}:<namespace>/<name>` };
  const namespace = rest.slice(0, slash);
  const name = rest.slice(slash + 1);
  if (namespace === '' || name === '') return { error: `target "${text}" has an empty namespace or name` };
  return { type, namespace, name };
}
