import type { GraphIndex } from '../index/graphIndex.js';
import type { IndexAdvance } from '../index/indexAdvance.js';
import type { VersionedGraph } from '../index/versionedGraph.js';
import { advanceRoots, downstreamMatching } from './affectedRules.js';
import { decisionClassAt } from './decisionClass.js';
import { DecisionNodes } from './decisionNodes.js';
import { FeatureReach } from './featureReach.js';
import { RuleEntry } from './ruleEntry.js';
import type { RuleFeatures, RuleName } from './ruleFeatures.js';
import { RuleUpstreamWalker } from './ruleUpstream.js';

/** What an update did, for logs, metrics and tests. */
export interface DecisionUpdate {
  since: number;
  upTo: number;
  /** Rules whose answer was recomputed (added, changed, unchanged or removed). */
  recomputed: number;
  /** Rules no longer RULE assets at `upTo`. */
  removed: number;
}

const attached = new WeakMap<GraphIndex, DecisionIndex>();

/**
 * Decision time: for every RULE asset at the latest graph version, its direct and transitive
 * features and its models' inputs, precomputed so that a rule engine's call is a map lookup that
 * allocates nothing. Attached to a live GraphIndex, it updates in the same synchronous step as the
 * graph after each catch-up, recomputing only the rules downstream of what the catch-up changed.
 */
export class DecisionIndex {
  private readonly byId = new Map<string, RuleEntry>();
  /** namespace -> name -> entry: a lookup by name builds no composite key string. */
  private readonly byName = new Map<string, Map<string, RuleEntry>>();
  private readonly byNode = new Map<number, RuleEntry>();
  private readonly names: DecisionNodes;
  private readonly reach: FeatureReach;
  private readonly walker: RuleUpstreamWalker;
  private follows: { index: GraphIndex; unsubscribe: () => void } | null = null;
  /** The graph's layoutEpoch the entries were computed at (they hold node integers). */
  private epoch = -1;
  /** The graph version every answer reflects. */
  version = 0;
  /** Called after each update (e.g. to log or count); errors propagate to the caller of advance(). */
  onUpdate: ((update: DecisionUpdate) => void) | null = null;

  private constructor(readonly graph: VersionedGraph) {
    this.names = new DecisionNodes(graph);
    this.reach = new FeatureReach(graph);
    this.walker = new RuleUpstreamWalker(graph, this.names, this.reach);
    this.rebuild();
  }

  /**
   * The decision index of a live GraphIndex, built at its current version and kept current from its
   * catch-ups. One per GraphIndex: the HTTP route, GraphQL and an embedding engine share it.
   */
  static attach(index: GraphIndex): DecisionIndex {
    let decision = attached.get(index);
    if (!decision) {
      const created = new DecisionIndex(index);
      // Built and subscribed in one synchronous step: no catch-up can land in between.
      created.follows = { index, unsubscribe: index.onAdvance((advance) => created.advance(advance)) };
      attached.set(index, created);
      decision = created;
    }
    return decision;
  }

  /** A decision index of a graph that is not fed by a store (tests, benchmarks); feed it with advance(). */
  static build(graph: VersionedGraph): DecisionIndex {
    return new DecisionIndex(graph);
  }

  /** Stops following the GraphIndex; answers stay as they are. */
  detach(): void {
    if (!this.follows) return;
    this.follows.unsubscribe();
    attached.delete(this.follows.index);
    this.follows = null;
  }

  /** The precomputed answer for a rule by id or by (namespace, name); null when no RULE asset has it. */
  featuresForRule(rule: string | RuleName): RuleFeatures | null {
    this.checkLayout();
    const entry = this.entryOf(rule);
    return entry === undefined ? null : entry.featuresAt(this.version);
  }

  /** The same answer as JSON bytes (the HTTP body), made once per rule per version; null when no RULE asset has it. */
  featuresForRuleJson(rule: string | RuleName): Buffer | null {
    this.checkLayout();
    const entry = this.entryOf(rule);
    return entry === undefined ? null : entry.jsonAt(this.version);
  }

  /** The number of RULE assets answered for. */
  get size(): number {
    this.checkLayout();
    return this.byId.size;
  }

  /** Ids of the rules answered for, in no particular order. */
  ruleIds(): IterableIterator<string> {
    this.checkLayout();
    return this.byId.keys();
  }

  /**
   * Brings the answers from `advance.since` to `advance.upTo`. The graph must already hold the
   * advance's rows (GraphIndex calls this right after applying them).
   */
  advance(advance: IndexAdvance): DecisionUpdate {
    if (advance.since !== this.version || this.epoch !== this.graph.layoutEpoch) {
      // An advance from another version than ours means a missed one, and one after a relayout
      // finds node integers renumbered: start over rather than drift.
      const before = this.byId.size;
      this.rebuild(advance.upTo);
      return this.updated({ since: advance.since, upTo: advance.upTo, recomputed: this.byId.size, removed: Math.max(0, before - this.byId.size) });
    }
    const version = advance.upTo;
    this.reach.advance(advance);
    const roots = advanceRoots(this.graph, advance, this.reach);
    // Rules that stopped being rules are roots too (their class changed); they are in byNode.
    const rules = downstreamMatching(this.graph, roots, version, (n) => this.byNode.has(n) || decisionClassAt(this.graph, n, version) === 'RULE');
    let removed = 0;
    for (const n of rules) if (!this.recompute(n, version)) removed++;
    this.version = version;
    return this.updated({ since: advance.since, upTo: version, recomputed: rules.length, removed });
  }

  private updated(update: DecisionUpdate): DecisionUpdate {
    this.onUpdate?.(update);
    return update;
  }

  /** After a relayout every entry names nodes by integers of the old numbering: recompute them all. */
  private checkLayout(): void {
    if (this.epoch !== this.graph.layoutEpoch) this.rebuild(this.version);
  }

  private rebuild(version = this.graph.version): void {
    this.epoch = this.graph.layoutEpoch;
    this.names.clear();
    this.byId.clear();
    this.byName.clear();
    this.byNode.clear();
    this.version = version;
    this.reach.rebuild(version);
    for (let n = 0; n < this.graph.nodes.count; n++) {
      if (decisionClassAt(this.graph, n, version) === 'RULE') this.recompute(n, version);
    }
  }

  /** Recomputes node `n`'s entry at `version`; false when it is not a RULE asset there (entry removed). */
  private recompute(n: number, version: number): boolean {
    const old = this.byNode.get(n);
    if (old) this.remove(old);
    if (decisionClassAt(this.graph, n, version) !== 'RULE') return false;
    const entry = new RuleEntry(n, this.names.of(n), this.walker.compute(n, version));
    this.byNode.set(n, entry);
    this.byId.set(entry.rule.id, entry);
    let names = this.byName.get(entry.rule.namespace);
    if (!names) {
      names = new Map();
      this.byName.set(entry.rule.namespace, names);
    }
    names.set(entry.rule.name, entry);
    return true;
  }

  private remove(entry: RuleEntry): void {
    this.byNode.delete(entry.node);
    this.byId.delete(entry.rule.id);
    const names = this.byName.get(entry.rule.namespace);
    names?.delete(entry.rule.name);
    if (names?.size === 0) this.byName.delete(entry.rule.namespace);
  }

  private entryOf(rule: string | RuleName): RuleEntry | undefined {
    return typeof rule === 'string' ? this.byId.get(rule) : this.byName.get(rule.namespace)?.get(rule.name);
  }
}
