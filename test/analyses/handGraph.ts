/** Builds a VersionedGraph by hand for analysis tests: names instead of ids, versions optional. */
import { nodeId } from '../../graph-model/ids.js';
import { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import type { NodeType } from '../../graph-model/model.js';

export const NS = 'hive://hand';

export interface NodeOptions {
  kind?: string;
  fields?: string[];
  owners?: string[];
  from?: number;
  to?: number;
  /** A retired or disabled rule or model (its `status`). */
  inactive?: boolean;
  /** Names of assets this computation declares optional inputs. */
  optionalInputs?: string[];
}

export class HandGraph {
  readonly graph = new VersionedGraph();

  constructor(version = 1) {
    this.graph.version = version;
  }

  id(name: string): string {
    const n = this.graph.nodes.indexOf(nodeId('ASSET', NS, name)) ?? this.graph.nodes.indexOf(nodeId('COMPUTATION', NS, name));
    if (n === undefined) throw new Error(`no node ${name}`);
    return this.graph.nodes.id(n);
  }

  name(id: string): string {
    const n = this.graph.nodes.indexOf(id);
    if (n === undefined) throw new Error(`no node ${id}`);
    return this.graph.nodes.name(n);
  }

  names(ids: string[]): string[] {
    return ids.map((id) => this.name(id));
  }

  asset(name: string, options: NodeOptions = {}): this {
    return this.node('ASSET', name, { kind: 'TABLE', ...options });
  }

  job(name: string, options: NodeOptions = {}): this {
    return this.node('COMPUTATION', name, { kind: 'BATCH_JOB', ...options });
  }

  private node(type: NodeType, name: string, options: NodeOptions): this {
    const n = this.graph.addNode(nodeId(type, NS, name), type, NS, name);
    this.graph.addNodeVersion(n, {
      fromVersion: options.from ?? 1,
      toVersion: options.to,
      kind: options.kind!,
      owners: options.owners,
      fields: options.fields,
      inactive: options.inactive,
      optionalInputs: options.optionalInputs?.map((name) => nodeId('ASSET', NS, name)),
    });
    return this;
  }

  private n(name: string): number {
    return this.graph.nodes.indexOf(this.id(name))!;
  }

  /** An edge from → to (READS or WRITES follows from the node types). */
  edge(from: string, to: string, fromVersion = 1, toVersion?: number): this {
    this.graph.addEdge(this.n(from), this.n(to), fromVersion, toVersion);
    return this;
  }

  /** job reads each input and writes each output. */
  computes(job: string, inputs: string[], outputs: string[]): this {
    for (const i of inputs) this.edge(i, job);
    for (const o of outputs) this.edge(job, o);
    return this;
  }

  field(job: string, input: [string, string], output: [string, string], fromVersion = 1, toVersion?: number, masking = false): this {
    this.graph.addFieldEdge({
      computation: this.n(job),
      input: this.n(input[0]),
      inputField: input[1],
      output: this.n(output[0]),
      outputField: output[1],
      masking,
      fromVersion,
      toVersion,
    });
    return this;
  }
}

/**
 * The bipartite case of the issue: c1 reads A and B and writes X, c2 reads A and C and writes X;
 * rule R is evaluated from X by r1.
 */
export function issueGraph(): HandGraph {
  return new HandGraph()
    .asset('A', { owners: ['team-a'] })
    .asset('B')
    .asset('C')
    .asset('X', { owners: ['team-x'] })
    .asset('R', { kind: 'RULE', owners: ['fraud-team'] })
    .job('c1')
    .job('c2')
    .job('r1', { kind: 'RULE_EVALUATION' })
    .computes('c1', ['A', 'B'], ['X'])
    .computes('c2', ['A', 'C'], ['X'])
    .computes('r1', ['X'], ['R']);
}
