import type { EdgeKind, NodeType, TransformationType } from '../model.js';
import { EdgeTable } from './edgeTable.js';
import { FieldEdgeTable } from './fieldEdgeTable.js';
import { localityOrder, positionsOf } from './localityOrder.js';
import { NodeTable, type NodeVersionInfo } from './nodeTable.js';
import { StringPool } from './stringPool.js';
import { OPEN } from './versions.js';

export interface NodeVersionInput {
  fromVersion: number;
  toVersion?: number;
  kind: string;
  owners?: readonly string[];
  fields?: readonly string[];
  optionalInputs?: readonly string[];
  requiredInputs?: readonly string[];
  inactive?: boolean;
}

export interface FieldEdgeInput {
  computation: number;
  input: number;
  inputField: string;
  output: number;
  outputField: string;
  transformationType?: TransformationType;
  subtype?: string;
  masking?: boolean;
  fromVersion: number;
  toVersion?: number;
}

const EMPTY: readonly string[] = Object.freeze([]);

/**
 * The versioned bipartite graph in memory: every node version, edge and field edge with its
 * validity interval, so a traversal at any version needs no database. It is pure data: the store
 * fills it through GraphIndex; tests and benchmarks may fill it directly.
 */
export class VersionedGraph {
  /** The latest graph version whose rows are all in this graph. */
  version = 0;
  readonly nodes = new NodeTable();
  readonly edges = new EdgeTable();
  readonly fieldEdges = new FieldEdgeTable();
  readonly strings = new StringPool();
  private readonly lists = new Map<string, readonly string[]>();
  /**
   * How many times relayout() has renumbered the nodes. Node integers and edge rows of one epoch
   * mean nothing in another: whatever keeps them between calls (search's lower-cased names, the
   * decision index, feature reach) records the epoch it was built at and rebuilds when it differs.
   */
  layoutEpoch = 0;
  /** Whether any node version declares input semantics: impact skips the lookup on graphs where none does. */
  declaresInputSemantics = false;

  addNode(id: string, type: NodeType, namespace: string, name: string): number {
    const n = this.nodes.intern(id, type, this.strings.canonical(namespace), name);
    this.edges.ensureNodes(n + 1);
    this.fieldEdges.ensureNodes(n + 1);
    return n;
  }

  addNodeVersion(n: number, input: NodeVersionInput): NodeVersionInfo {
    const info: NodeVersionInfo = {
      fromVersion: input.fromVersion,
      toVersion: input.toVersion ?? OPEN,
      kind: this.strings.canonical(input.kind),
      owners: this.pooled(input.owners),
      fields: this.pooled(input.fields),
      optionalInputs: this.pooled(input.optionalInputs),
      requiredInputs: this.pooled(input.requiredInputs),
      inactive: input.inactive ?? false,
    };
    if (info.optionalInputs!.length > 0 || info.requiredInputs!.length > 0) this.declaresInputSemantics = true;
    this.nodes.addVersion(n, info);
    return info;
  }

  /** Owner and field lists repeat across many nodes (same team, same schema): each distinct list is held once. */
  private pooled(values: readonly string[] | undefined): readonly string[] {
    if (!values || values.length === 0) return EMPTY;
    const key = values.join('\u001f');
    let list = this.lists.get(key);
    if (!list) {
      list = Object.freeze(values.map((v) => this.strings.canonical(v)));
      this.lists.set(key, list);
    }
    return list;
  }

  addEdge(from: number, to: number, fromVersion: number, toVersion: number = OPEN): number {
    return this.edges.add(from, to, fromVersion, toVersion);
  }

  addFieldEdge(input: FieldEdgeInput): number {
    return this.fieldEdges.add(this.fieldEdgeRow(input));
  }

  closeFieldEdge(input: FieldEdgeInput, toVersion: number): boolean {
    return this.fieldEdges.close(this.fieldEdgeRow(input), toVersion);
  }

  private fieldEdgeRow(input: FieldEdgeInput) {
    return {
      computation: input.computation,
      input: input.input,
      inputField: this.strings.intern(input.inputField),
      output: input.output,
      outputField: this.strings.intern(input.outputField),
      transformationType: input.transformationType ?? 'DIRECT',
      subtype: this.strings.intern(input.subtype ?? ''),
      masking: input.masking ?? false,
      fromVersion: input.fromVersion,
      toVersion: input.toVersion,
    };
  }

  /**
   * Renumbers the nodes so that walks touch memory in order (see localityOrder). Node integers and
   * edge rows change, and layoutEpoch moves on so that caches holding them rebuild. GraphIndex
   * lays out once, right after its first load, before anything holds integers.
   */
  relayout(): void {
    const order = localityOrder(this.edges, this.nodes.count);
    const position = positionsOf(order);
    this.nodes.renumber(order, position);
    this.edges.renumber(position);
    this.fieldEdges.renumber(position);
    this.layoutEpoch++;
  }

  /** READS when the edge leaves an asset, WRITES when it leaves a computation (the graph is bipartite). */
  edgeKind(e: number): EdgeKind {
    return this.nodes.isAsset(this.edges.sourceOf(e)) ? 'READS' : 'WRITES';
  }

  /** The node's integer when it exists at `version`. */
  nodeAt(id: string, version: number): number | undefined {
    const n = this.nodes.indexOf(id);
    return n !== undefined && this.nodes.versionAt(n, version) ? n : undefined;
  }
}
