import { hash } from 'node:crypto';
import type { FieldEdgeAssertion, NodeType } from './model.js';

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
