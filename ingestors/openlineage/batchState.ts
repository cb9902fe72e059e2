import { canonicalJson } from '../../graph-model/canonical.js';
import { fieldNames } from '../../graph-model/definition.js';
import { edgeKey, fieldEdgeAssertionKey } from '../../graph-model/ids.js';
import {
  WHOLE_ASSET,
  type Changeset,
  type FieldDef,
  type EdgeAssertion,
  type FieldEdgeAssertion,
  type NodeAssertion,
  type NodeRef,
  type NodeVersion,
  type Run,
  type RunRecord,
} from '../../graph-model/model.js';
import type { DatasetName } from './columnLineage.js';
import type { OpenLineageEvent } from './events.js';
import type { Claim, PriorState } from './priorState.js';
import { cachedNodeId } from './nodeIdCache.js';
import { datasetKey } from './runRecord.js';

/** What one job looks like to the events of a batch: the graph's state, then each event's changes. */
export interface JobState {
  runs: Map<string, Run>;
  inputs: Map<string, DatasetName>;
  outputs: Map<string, DatasetName>;
  fieldEdges: Map<string, FieldEdgeAssertion>;
}

/** A fact this source asserted or retracted during the batch, by key; `claimed` is where it ended up. */
type TouchedFact =
  | { type: 'edge'; assertion: EdgeAssertion; nodes: string[]; claimed: boolean }
  | { type: 'fieldEdge'; assertion: FieldEdgeAssertion; nodes: string[]; claimed: boolean };

export interface LoadedState {
  ownClaims: Map<string, Claim>;
  nodes: Map<string, NodeVersion>;
  /** What other sources declare of each node's fields (they exist whatever this source says): the fields, and every name (nested ones as `parent.child`). */
  otherSources: Map<string, { fields: FieldDef[]; names: Set<string> }>;
  jobs: Map<string, JobState>;
}

function sameClaim(a: Claim | undefined, b: Claim): boolean {
  return a !== undefined && a.kind === b.kind && canonicalJson(a.definition) === canonicalJson(b.definition);
}

const refId = (ref: NodeRef) => cachedNodeId(ref.type, ref.namespace, ref.name);

function toRun(record: RunRecord, computationId: string): Run {
  return {
    runId: record.runId,
    computationId,
    state: record.state,
    startedAt: record.startedAt ?? null,
    endedAt: record.endedAt ?? null,
    cost: record.cost ?? null,
    properties: record.properties ?? {},
    fromVersion: 0,
    toVersion: null,
  };
}

/**
 * The graph as a batch of events sees it, one event after another, without a round trip per event:
 * loaded once (loadBatchState.ts), then each event's changeset is absorbed so that the next event
 * is mapped against what the previous ones did, exactly as if each had been committed on its own.
 * At the end, `changeset()` is the net effect of all of them: one delta changeset whose commit
 * leaves this source's claims where committing the events one by one would have left them.
 */
export class BatchState {
  private readonly asserted = new Map<string, { type: NodeRef['type']; namespace: string; name: string }>();
  private readonly retracted = new Map<string, NodeRef>();
  private readonly facts = new Map<string, TouchedFact>();
  private readonly runs = new Map<string, RunRecord>();
  private readonly otherSourceFields: Map<string, FieldDef[]>;

  constructor(
    private readonly source: string,
    private readonly loaded: LoadedState,
  ) {
    this.otherSourceFields = new Map([...loaded.otherSources].map(([id, other]) => [id, other.fields]));
  }

  /** The prior state one event's mapping needs, as the events before it left it. */
  priorFor(event: OpenLineageEvent): PriorState {
    const { ownClaims, nodes } = this.loaded;
    const job = event.type === 'DatasetEvent' ? undefined : this.loaded.jobs.get(cachedNodeId('COMPUTATION', event.job.namespace, event.job.name));
    return {
      ownClaims,
      nodes,
      otherSourcesFields: this.otherSourceFields,
      jobRuns: job ? [...job.runs.values()] : [],
      jobInputs: job ? [...job.inputs.values()] : [],
      jobOutputs: job ? [...job.outputs.values()] : [],
      jobFieldEdges: job ? [...job.fieldEdges.values()] : [],
    };
  }

  /** Takes one event's changeset into the state, as its commit would have changed the graph. */
  absorb(changeset: Changeset): void {
    const assert = (type: NodeRef['type'], node: NodeAssertion) => {
      const id = cachedNodeId(type, node.namespace, node.name);
      const claim = { kind: node.kind, definition: node.definition ?? {} };
      // Saying again what this source already claims changes nothing: left out of the changeset,
      // it costs the commit no validation, hashing or lookup (most events of a busy job are repeats).
      if (!this.asserted.has(id) && sameClaim(this.loaded.ownClaims.get(id), claim)) return;
      this.loaded.ownClaims.set(id, claim);
      this.asserted.set(id, { type, namespace: node.namespace, name: node.name });
      this.retracted.delete(id);
    };
    changeset.assets?.forEach((node) => assert('ASSET', node));
    changeset.computations?.forEach((node) => assert('COMPUTATION', node));
    for (const edge of changeset.edges ?? []) this.edge(edge, true);
    for (const edge of changeset.retract?.edges ?? []) this.edge(edge, false);
    for (const edge of changeset.fieldEdges ?? []) this.fieldEdge(edge, true);
    for (const edge of changeset.retract?.fieldEdges ?? []) this.fieldEdge(edge, false);
    for (const record of changeset.runs ?? []) {
      this.runs.set(record.runId, record);
      const jobId = cachedNodeId('COMPUTATION', record.computation.namespace, record.computation.name);
      this.loaded.jobs.get(jobId)?.runs.set(record.runId, toRun(record, jobId));
    }
    for (const ref of changeset.retract?.nodes ?? []) this.retractNode(ref);
    this.endFieldEdgesOnLostFields(new Set((changeset.assets ?? []).map((node) => cachedNodeId('ASSET', node.namespace, node.name))));
  }

  /**
   * Committed on its own, a claim that no longer declares a field ends the field edges on it, and
   * a later claim declaring the field again does not bring them back. So they end here, when the
   * claim is absorbed: kept to the end of the batch, a field edge on a field that an event removed
   * and a later one declared again (another job's column lineage into it) would outlive the gap.
   */
  private endFieldEdgesOnLostFields(assetIds: Set<string>): void {
    if (assetIds.size === 0) return;
    const lost = (edge: FieldEdgeAssertion) =>
      (assetIds.has(cachedNodeId('ASSET', edge.input.namespace, edge.input.name)) && !this.fieldExists(edge.input.namespace, edge.input.name, edge.input.field)) ||
      (assetIds.has(cachedNodeId('ASSET', edge.output.namespace, edge.output.name)) && !this.fieldExists(edge.output.namespace, edge.output.name, edge.output.field));
    for (const fact of [...this.facts.values()]) if (fact.type === 'fieldEdge' && fact.claimed && lost(fact.assertion)) this.fieldEdge(fact.assertion, false);
    for (const job of this.loaded.jobs.values()) {
      for (const edge of [...job.fieldEdges.values()]) if (lost(edge)) this.fieldEdge(edge, false);
    }
  }

  private job(ref: NodeRef): JobState | undefined {
    return ref.type === 'COMPUTATION' ? this.loaded.jobs.get(refId(ref)) : undefined;
  }

  private edge(edge: EdgeAssertion, claimed: boolean): void {
    const from = refId(edge.from);
    const to = refId(edge.to);
    this.facts.set(`e${edgeKey(from, to)}`, { type: 'edge', assertion: edge, nodes: [from, to], claimed });
    const reader = this.job(edge.to);
    const writer = this.job(edge.from);
    const dataset = reader ? edge.from : edge.to;
    const list = reader ? reader.inputs : writer?.outputs;
    if (!list) return;
    if (claimed) list.set(datasetKey(dataset), { namespace: dataset.namespace, name: dataset.name });
    else list.delete(datasetKey(dataset));
  }

  private fieldEdge(edge: FieldEdgeAssertion, claimed: boolean): void {
    const key = fieldEdgeAssertionKey(edge);
    const nodes = [cachedNodeId('ASSET', edge.input.namespace, edge.input.name), cachedNodeId('ASSET', edge.output.namespace, edge.output.name)];
    this.facts.set(`f${key}`, { type: 'fieldEdge', assertion: edge, nodes, claimed });
    const job = this.loaded.jobs.get(cachedNodeId('COMPUTATION', edge.computation.namespace, edge.computation.name));
    if (claimed) job?.fieldEdges.set(key, edge);
    else job?.fieldEdges.delete(key);
  }

  /**
   * A DROP: this source stops claiming the node, and facts on it end with it. Facts this batch
   * asserted on it are forgotten (the store would have closed them with the node; asserting them
   * now would refer to a node that ends), retractions stay; the job states stop listing it, as the
   * graph would after the commit.
   */
  private retractNode(ref: NodeRef): void {
    const id = refId(ref);
    this.loaded.ownClaims.delete(id);
    this.loaded.nodes.delete(id);
    this.asserted.delete(id);
    this.retracted.set(id, ref);
    for (const [key, fact] of this.facts) if (fact.claimed && fact.nodes.includes(id)) this.facts.delete(key);
    for (const job of this.loaded.jobs.values()) {
      for (const list of [job.inputs, job.outputs]) {
        for (const [key, dataset] of list) if (cachedNodeId('ASSET', dataset.namespace, dataset.name) === id) list.delete(key);
      }
      for (const [key, edge] of job.fieldEdges) {
        if (cachedNodeId('ASSET', edge.input.namespace, edge.input.name) === id || cachedNodeId('ASSET', edge.output.namespace, edge.output.name) === id) {
          job.fieldEdges.delete(key);
        }
      }
    }
  }

  /**
   * A field exists after the commit when this source's final claim or another source declares it.
   * A later event may have replaced a schema and dropped a field an earlier event's field edge
   * used: committed one by one, the store would have ended that edge with the field.
   */
  private fieldExists(namespace: string, name: string, field: string): boolean {
    if (field === WHOLE_ASSET) return true;
    const id = cachedNodeId('ASSET', namespace, name);
    if (this.loaded.otherSources.get(id)?.names.has(field)) return true;
    const own = this.loaded.ownClaims.get(id);
    return own !== undefined && fieldNames(own.definition).has(field);
  }

  /** The net changeset of every event absorbed so far. */
  changeset(): Changeset {
    const assets: NodeAssertion[] = [];
    const computations: NodeAssertion[] = [];
    for (const [id, node] of this.asserted) {
      const claim = this.loaded.ownClaims.get(id)!;
      (node.type === 'ASSET' ? assets : computations).push({ namespace: node.namespace, name: node.name, kind: claim.kind, definition: claim.definition });
    }
    const edges: EdgeAssertion[] = [];
    const retractedEdges: EdgeAssertion[] = [];
    const fieldEdges: FieldEdgeAssertion[] = [];
    const retractedFieldEdges: FieldEdgeAssertion[] = [];
    for (const fact of this.facts.values()) {
      if (fact.type === 'edge') (fact.claimed ? edges : retractedEdges).push(fact.assertion);
      else if (!fact.claimed) retractedFieldEdges.push(fact.assertion);
      else {
        const { input, output } = fact.assertion;
        if (this.fieldExists(input.namespace, input.name, input.field) && this.fieldExists(output.namespace, output.name, output.field)) {
          fieldEdges.push(fact.assertion);
        }
      }
    }
    const changeset: Changeset = { source: this.source, mode: 'delta' };
    if (assets.length > 0) changeset.assets = assets;
    if (computations.length > 0) changeset.computations = computations;
    if (edges.length > 0) changeset.edges = edges;
    if (fieldEdges.length > 0) changeset.fieldEdges = fieldEdges;
    if (this.runs.size > 0) changeset.runs = [...this.runs.values()];
    const retract: NonNullable<Changeset['retract']> = {};
    if (this.retracted.size > 0) retract.nodes = [...this.retracted.values()];
    if (retractedEdges.length > 0) retract.edges = retractedEdges;
    if (retractedFieldEdges.length > 0) retract.fieldEdges = retractedFieldEdges;
    if (Object.keys(retract).length > 0) changeset.retract = retract;
    return changeset;
  }
}
