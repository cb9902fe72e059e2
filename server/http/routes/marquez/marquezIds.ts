import { createHash } from 'node:crypto';
import { nodeId } from '../../../../graph-model/ids.js';
import type { VersionedGraph } from '../../../../graph-model/index/versionedGraph.js';
import type { NodeType } from '../../../../graph-model/model.js';
import { HttpError } from '../../httpError.js';

/** Marquez's node ids: `dataset:<namespace>:<name>`, `job:<namespace>:<name>`, `datasetField:<namespace>:<name>:<field>`. */
export const datasetNodeId = (namespace: string, name: string) => `dataset:${namespace}:${name}`;
export const jobNodeId = (namespace: string, name: string) => `job:${namespace}:${name}`;
export const fieldNodeId = (namespace: string, name: string, field: string) => `datasetField:${namespace}:${name}:${field}`;

export function marquezNodeId(graph: VersionedGraph, n: number): string {
  const make = graph.nodes.isAsset(n) ? datasetNodeId : jobNodeId;
  return make(graph.nodes.namespace(n), graph.nodes.name(n));
}

/**
 * The UUID Marquez gives a dataset or job version, here derived from the node and the graph
 * version its version began at: stable across processes and restarts, and the same for every
 * reader, without a table of its own.
 */
export function versionUuid(id: string, fromVersion: number): string {
  const hex = createHash('sha256').update(`${id}\u0000${fromVersion}`).digest('hex');
  // RFC 4122 layout: version nibble 5 (name-based), variant 10xx.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The node (namespace, name) of a type at a version, or a 404 naming what was asked. */
export function nodeNamed(graph: VersionedGraph, type: NodeType, namespace: string, name: string, version: number): number {
  const n = graph.nodeAt(nodeId(type, namespace, name), version);
  if (n === undefined) {
    const what = type === 'ASSET' ? 'dataset' : 'job';
    throw new HttpError('NOT_FOUND', `no ${what} ${name} in namespace ${namespace} at graph version ${version}`, { namespace, name, version });
  }
  return n;
}

/** The version of node `n` current at `version`, as Marquez names it. */
export function currentVersionUuid(graph: VersionedGraph, n: number, version: number): string | null {
  const info = graph.nodes.versionAt(n, version);
  return info ? versionUuid(graph.nodes.id(n), info.fromVersion) : null;
}

export interface ParsedNodeId {
  n: number;
  /** A `datasetField:` id's field. */
  field?: string;
  /** The `#<version>` suffix Marquez's clients may append. */
  versionUuid?: string;
}

/**
 * A Marquez node id resolved against the graph. Namespaces hold colons (`hive://warehouse`,
 * `postgres://host:5432`), so every split of the rest into namespace and name is tried, leftmost
 * first, and the one naming an existing node wins.
 */
export function parseNodeId(graph: VersionedGraph, raw: string, version: number, parameter = 'nodeId'): ParsedNodeId {
  const hash = raw.lastIndexOf('#');
  const versionSuffix = hash >= 0 ? raw.slice(hash + 1) : undefined;
  const id = hash >= 0 ? raw.slice(0, hash) : raw;
  const colon = id.indexOf(':');
  const prefix = colon < 0 ? '' : id.slice(0, colon);
  const rest = id.slice(colon + 1);
  const bad = (why: string) => new HttpError('BAD_QUERY', `${parameter} ${JSON.stringify(raw)}: ${why}`, { parameter });
  if (prefix !== 'dataset' && prefix !== 'job' && prefix !== 'datasetField') {
    throw bad('must start with dataset:, job: or datasetField: (dataset:<namespace>:<name>)');
  }
  let identity = rest;
  let field: string | undefined;
  if (prefix === 'datasetField') {
    const last = rest.lastIndexOf(':');
    if (last < 0) throw bad('a datasetField id is datasetField:<namespace>:<name>:<field>');
    identity = rest.slice(0, last);
    field = rest.slice(last + 1);
  }
  const type: NodeType = prefix === 'job' ? 'COMPUTATION' : 'ASSET';
  let splits = 0;
  for (let i = identity.indexOf(':'); i >= 0; i = identity.indexOf(':', i + 1)) {
    splits++;
    const n = graph.nodeAt(nodeId(type, identity.slice(0, i), identity.slice(i + 1)), version);
    if (n !== undefined) return { n, ...(field !== undefined ? { field } : {}), ...(versionSuffix ? { versionUuid: versionSuffix } : {}) };
  }
  if (splits === 0) throw bad(`expected ${prefix}:<namespace>:<name>`);
  throw new HttpError('NOT_FOUND', `${parameter} ${JSON.stringify(raw)} names no ${prefix === 'job' ? 'job' : 'dataset'} at graph version ${version}`, { parameter, nodeId: raw, version });
}
