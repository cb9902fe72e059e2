import { hash } from 'node:crypto';
import type { FieldEdgeAssertion, NodeRef, NodeType } from './model.js';

/**
 * A node's id is derived from its identity, so every process, every database and every ingestor
 * computes the same id without a lookup. It is opaque to clients: they must not parse it.
 */
export function nodeId(type: NodeType, namespace: string, name: string): string {
  const digest = hash('sha256', `${type}\u0000${namespace}\u0000${name}`, 'base64url');
  return (type === 'ASSET' ? 'a' : 'c') + digest.slice(0, 22);
}

const SEP = '\u001f';

export function edgeKey(fromId: string, toId: string): string {
  return fromId + SEP + toId;
}

export function fieldEdgeKey(parts: {
  computationId: string;
  inputId: string;
  inputField: string;
  outputId: string;
  outputField: string;
  transformationType: string;
  transformationSubtype: string;
  masking: boolean;
}): string {
  return [
    parts.computationId,
    parts.inputId,
    parts.inputField,
    parts.outputId,
    parts.outputField,
    parts.transformationType,
    parts.transformationSubtype,
    parts.masking ? '1' : '0',
  ].join(SEP);
}

/** The key of a field edge as asserted in a changeset (subtype '' and masking false by default). */
export function fieldEdgeAssertionKey(edge: FieldEdgeAssertion): string {
  return fieldEdgeKey({
    computationId: nodeId('COMPUTATION', edge.computation.namespace, edge.computation.name),
    inputId: nodeId('ASSET', edge.input.namespace, edge.input.name),
    inputField: edge.input.field,
    outputId: nodeId('ASSET', edge.output.namespace, edge.output.name),
    outputField: edge.output.field,
    transformationType: edge.transformation.type,
    transformationSubtype: edge.transformation.subtype ?? '',
    masking: edge.transformation.masking ?? false,
  });
}

export function tagKey(nodeIdValue: string, field: string, key: string, value: string): string {
  return [nodeIdValue, field, key, value].join(SEP);
}

const TYPES: Record<string, NodeType> = { asset: 'ASSET', computation: 'COMPUTATION' };

/** `asset` / `computation` (any case) as a node type, or null. */
export function nodeTypeOf(text: string): NodeType | null {
  return TYPES[text.trim().toLowerCase()] ?? null;
}

/** A namespace that is a URI authority, as OpenLineage writes them: `postgres://host:5432`, `s3://bucket`. */
const URI_NAMESPACE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*/;

/**
 * A node reference as people write it (metrics files, the CLI): `asset:<namespace>/<name>` or
 * `computation:<namespace>/<name>`; the one place this syntax is read.
 *
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
