import { randomUUID } from 'node:crypto';
import { advanceNodeIds } from '../index/advanceNodeIds.js';
import type { IndexAdvance } from '../index/indexAdvance.js';
import type { VersionedGraph } from '../index/versionedGraph.js';
import type { Db } from '../store/db.js';
import { nodeId } from '../ids.js';
import type { Alert, AlertEventKind } from './alert.js';
import { alertState, alertSummary, fingerprintOf, severityOf } from './alertState.js';
import type { Cause, CauseContext, CauseSource } from './cause.js';
import { causeReach, type CauseReach } from './causeReach.js';
import { readOpenAlerts } from './operations/readAlerts.js';
import { saveAlertRevisions, type AlertRevision } from './operations/saveAlertRevisions.js';
import { groupByRoot, type CauseGroup } from './rootGrouping.js';
import { webhookPayload } from './webhookPayload.js';

/** The graph the engine reads: a versioned graph that says when it moves (GraphIndex). */
export interface FollowedGraph extends VersionedGraph {
  readonly version: number;
  onAdvance(listener: (advance: IndexAdvance) => void): () => void;
}

export interface AlertEngineOptions {
  db: Db;
  graph: FollowedGraph;
  sources: readonly CauseSource[];
  /** Uses per day by node id (rule evaluations, lookups, calls), as impact's summary weighs them. */
  traffic?: () => Promise<ReadonlyMap<string, number>>;
  /** How long a traffic map is reused (default 60 s): metrics arrive in batches, not per changeset. */
  trafficTtlMs?: number;
  /** Webhook endpoint names: each revision is queued in the outbox once per endpoint. */
  endpoints?: readonly string[];
  /** Re-evaluation without any change (lateness grows with the clock); default 15 s, 0: never. */
  intervalMs?: number;
  /** Evaluation time (ISO-8601); default the wall clock. */
  now?: () => string;
  /** Told after each evaluation that saved revisions (the webhook sender wakes up). */
  onRevisions?: (revisions: readonly AlertRevision[]) => void;
  /** Told of an evaluation that failed (it is retried at the next trigger). */
  onError?: (error: unknown) => void;
}

/** What one evaluation did: what it was given to look at and how much it recomputed. */
export interface EvaluationStats {
  version: number;
  openCauses: number;
  /** Node ids the changesets since the last evaluation (and the sources' touchedSince) named. */
  touchedNodes: number;
  /** Causes whose reach was computed again: new, changed, or reaching a touched node. */
  recomputedCauses: number;
  /** Nodes reached by the recomputed causes (the work of the impact walks). */
  recomputedReach: number;
  revisions: number;
  /** Open alerts whose state was built again (their causes or reaches changed), and new ones. */
  rebuiltAlerts: number;
  /** Wall time of the evaluation: sources read, reaches recomputed, revisions saved. */
  durationMs: number;
  /** Of which: the sources' reads (open causes and what they touched). */
  sourcesMs: number;
  /** Of which: grouping and comparing the alerts (in memory) and saving the revisions. */
  reviseMs: number;
}

interface Held {
  cause: Cause;
  source: string;
  content: string;
  reach: CauseReach;
  /** Distinct for each reach computed: an alert's inputs name their causes' reaches by it. */
  generation: number;
}

interface OpenAlert {
  alert: Alert;
  fingerprint: string;
  /**
   * What the alert's state was last computed from (root, merged, each cause's key, severity, start,
   * node and fields, and its reach's generation) when that state matched `fingerprint`. The same
   * inputs give the same fingerprint: the state is not built again, so an evaluation costs the
   * alerts whose causes changed, not the size of every open alert's reach.
   */
  inputs?: string;
}

const EMPTY_TRAFFIC: ReadonlyMap<string, number> = new Map();

/**
 * The alert engine (docs/alerts.md). It holds every open cause with what it reaches, and after
 * each changeset recomputes only the causes the changeset could change: those whose node or
 * reached nodes it touched (an edge or field edge added or ended at a reached node is the only
 * way a reach grows or shrinks), plus causes that are new or changed at their source. Causes are
 * then grouped by root (rootGrouping.ts), groups matched to the open alerts holding their causes,
 * and each alert whose fingerprint (causes, severity, reached nodes and statuses) changed gets a
 * revision, stored with its webhook outbox rows in one transaction. Evaluations run one at a
 * time; triggers arriving meanwhile coalesce into one more.
 */
export class AlertEngine {
  private readonly held = new Map<string, Held>();
  /** Node id -> keys of the causes on it or reaching it. */
  private readonly byNode = new Map<string, Set<string>>();
  private readonly open = new Map<string, OpenAlert>();
  private touched = new Set<string>();
  private generations = 0;
  /** Alert states built in the running evaluation. */
  private rebuilt = 0;
  private lastVersion = 0;
  private running: Promise<EvaluationStats | null> | null = null;
  private again = false;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private unfollow: (() => void) | null = null;
  private trafficCache: { at: number; map: ReadonlyMap<string, number> } | null = null;
  private trafficLoading: Promise<ReadonlyMap<string, number>> | null = null;
  /** Evaluations that ran, for tests and /metrics. */
  evaluations = 0;
  lastStats: EvaluationStats | null = null;
  lastError: unknown = null;

  private constructor(private readonly options: AlertEngineOptions) {}

  /** Loads the open alerts, follows the graph, runs a first evaluation and reads the traffic map. */
  static async start(options: AlertEngineOptions): Promise<AlertEngine> {
    const engine = new AlertEngine(options);
    for (const alert of await readOpenAlerts(options.db)) engine.open.set(alert.id, { alert, fingerprint: fingerprintOf(alert.state, alert.severity) });
    engine.unfollow = options.graph.onAdvance((advance) => engine.follow(advance));
    const interval = options.intervalMs ?? 15_000;
    if (interval > 0) {
      engine.timer = setInterval(() => engine.trigger(), interval);
      engine.timer.unref();
    }
    // Traffic is read while the first evaluation runs, and start returns once both are done: an
    // alert opening after start does not wait for the read (seconds on a large platform). A failed
    // read is reported and retried when an evaluation first needs traffic.
    const warm = engine.trafficMap().then(
      () => undefined,
      (error) => options.onError?.(error),
    );
    await Promise.all([warm, engine.evaluate()]);
    return engine;
  }

  /** Re-evaluate soon (a source changed: an incident opened, a check result arrived). */
  trigger(): void {
    if (this.closed) return;
    void this.evaluate().catch(() => undefined);
  }

  /** Runs an evaluation now, or after the running one (coalescing); resolves with its stats. */
  async evaluate(): Promise<EvaluationStats | null> {
    if (this.closed) return null;
    if (this.running) {
      this.again = true;
      await this.running.catch(() => undefined);
      if (this.running) return this.running;
    }
    this.running = (async () => {
      let stats: EvaluationStats | null = null;
      do {
        this.again = false;
        try {
          stats = await this.evaluateOnce();
          this.lastError = null;
        } catch (error) {
          this.lastError = error;
          this.options.onError?.(error);
          throw error;
        }
      } while (this.again && !this.closed);
      return stats;
    })();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  /** Resolves once no evaluation is running or wanted. */
  async settled(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /**
   * What the engine holds now, for tests and diagnosis: each open cause with its reach, by key, and
   * the root groups. An engine that has followed changesets incrementally holds what a fresh one
   * started on the same graph and sources holds (test/alerts/incrementalEvaluation.property.test.ts).
   */
  snapshot(): { causes: { key: string; source: string; cause: Cause; reach: CauseReach }[]; groups: CauseGroup[] } {
    const causes = [...this.held.values()].map((h) => ({ key: h.cause.key, source: h.source, cause: h.cause, reach: h.reach })).sort((a, b) => (a.key < b.key ? -1 : 1));
    return { causes, groups: this.groups() };
  }

  close(): void {
    this.closed = true;
    this.unfollow?.();
    if (this.timer) clearInterval(this.timer);
  }

  private follow(advance: IndexAdvance): void {
    advanceNodeIds(this.options.graph, advance, this.touched);
    this.trigger();
  }

  /**
   * The traffic map, read once and then refreshed in the background when older than the TTL: an
   * evaluation waits for traffic only the first time (summing a large platform's metrics takes
   * seconds), later ones use the previous map while a new one is read. Traffic figures make no
   * revision by themselves, so a map a minute old changes no alert.
   */
  private async trafficMap(): Promise<ReadonlyMap<string, number>> {
    if (!this.options.traffic) return EMPTY_TRAFFIC;
    const ttl = this.options.trafficTtlMs ?? 60_000;
    if (this.trafficCache && Date.now() - this.trafficCache.at < ttl) return this.trafficCache.map;
    const refresh = this.trafficLoading ?? (this.trafficLoading = this.options.traffic().then(
      (map) => {
        this.trafficCache = { at: Date.now(), map };
        return map;
      },
    ).finally(() => (this.trafficLoading = null)));
    if (this.trafficCache) {
      refresh.catch((error) => this.options.onError?.(error));
      return this.trafficCache.map;
    }
    return refresh;
  }

  private async evaluateOnce(): Promise<EvaluationStats> {
    const started = performance.now();
    const { graph } = this.options;
    const now = this.options.now?.() ?? new Date().toISOString();
    const version = graph.version;
    const touched = this.touched;
    this.touched = new Set();
    try {
      return await this.evaluateAt(started, now, version, touched);
    } catch (error) {
      // The advances' nodes are known nowhere else: the next evaluation must still see them.
      for (const id of touched) this.touched.add(id);
      throw error;
    }
  }

  private async evaluateAt(started: number, now: string, version: number, touched: Set<string>): Promise<EvaluationStats> {
    const { graph, sources } = this.options;
    const since = this.lastVersion;
    const current = new Map<string, { cause: Cause; source: string }>();
    // What the index's advances touched up to `version`, before the sources add theirs: a source
    // reads the graph's changes from it rather than from the version tables.
    const ctx: CauseContext = { now, graph: { version, touched: new Set(touched) } };
    // Every source at once (a pool runs their queries side by side); the first source listed wins a key.
    const answers = await Promise.all(sources.map((source) => Promise.all([source.openCauses(ctx), source.touchedSince ? source.touchedSince(since, ctx) : Promise.resolve([])])));
    sources.forEach((source, i) => {
      const [causes, extra] = answers[i]!;
      for (const cause of causes) if (!current.has(cause.key)) current.set(cause.key, { cause, source: source.name });
      for (const id of extra) touched.add(id);
    });

    // What to recompute: new causes, causes now on other nodes or fields, and held causes whose
    // node or reach a changeset touched. Other details (wording, severity, evidence) are taken as they come.
    const dirty = new Set<string>();
    for (const [key, { cause, source }] of current) {
      const held = this.held.get(key);
      if (!held || held.content !== contentOf(cause)) dirty.add(key);
      else {
        held.cause = cause;
        held.source = source;
      }
    }
    for (const id of touched) for (const key of this.byNode.get(id) ?? []) if (current.has(key)) dirty.add(key);
    for (const key of [...this.held.keys()]) if (!current.has(key)) this.forget(key);

    const sourcesMs = performance.now() - started;
    let recomputedReach = 0;
    if (dirty.size > 0) {
      const traffic = await this.trafficMap();
      for (const key of dirty) {
        const { cause, source } = current.get(key)!;
        this.forget(key);
        const reach = causeReach(graph, cause, version, traffic);
        recomputedReach += reach.reached.length;
        this.hold({ cause, source, content: contentOf(cause), reach, generation: ++this.generations });
      }
    }
    const revising = performance.now();
    const revisionInputs = new Map<string, string>();
    this.rebuilt = 0;
    const revisions = this.revise(version, now, revisionInputs);
    if (revisions.length > 0) {
      await this.options.db.transaction((tx) => saveAlertRevisions(tx, revisions, this.options.endpoints ?? []));
      for (const { alert } of revisions) {
        if (alert.status === 'OPEN') this.open.set(alert.id, { alert, fingerprint: fingerprintOf(alert.state, alert.severity), inputs: revisionInputs.get(alert.id) });
        else this.open.delete(alert.id);
      }
      this.options.onRevisions?.(revisions);
    }
    this.lastVersion = version;
    this.evaluations++;
    const stats = { version, openCauses: current.size, touchedNodes: touched.size, recomputedCauses: dirty.size, recomputedReach, revisions: revisions.length, rebuiltAlerts: this.rebuilt, durationMs: performance.now() - started, sourcesMs, reviseMs: performance.now() - revising };
    this.lastStats = stats;
    return stats;
  }

  private hold(held: Held): void {
    this.held.set(held.cause.key, held);
    const index = (id: string) => {
      let keys = this.byNode.get(id);
      if (!keys) this.byNode.set(id, (keys = new Set()));
      keys.add(held.cause.key);
    };
    index(held.reach.nodeId);
    for (const r of held.reach.reached) index(r.id);
  }

  private forget(key: string): void {
    const held = this.held.get(key);
    if (!held) return;
    this.held.delete(key);
    const drop = (id: string) => {
      const keys = this.byNode.get(id);
      keys?.delete(key);
      if (keys?.size === 0) this.byNode.delete(id);
    };
    drop(held.reach.nodeId);
    for (const r of held.reach.reached) drop(r.id);
  }

  /** Groups the held causes, matches groups to open alerts, and returns the alerts that changed. */
  private groups(): CauseGroup[] {
    return groupByRoot(
      [...this.held.values()].map((h) => ({ key: h.cause.key, nodeId: h.reach.nodeId, since: h.cause.since })),
      (id) => {
        // Causes reaching a node: those indexed on it, minus those merely on it (groupByRoot adds those).
        const keys = this.byNode.get(id) ?? new Set<string>();
        return [...keys].filter((k) => this.held.get(k)!.reach.nodeId !== id);
      },
    );
  }

  /** Fills `inputs` with the state inputs of each open alert revised (kept once its revision is saved). */
  private revise(version: number, now: string, inputs: Map<string, string>): AlertRevision[] {
    const groups = this.groups();
    const holder = new Map<string, string>();
    for (const [id, { alert }] of this.open) for (const c of alert.state.causes) holder.set(c.key, id);
    // Each group goes to the oldest open alert holding one of its causes; groups meeting in one alert merge.
    const assigned = new Map<string, CauseGroup[]>();
    const fresh: CauseGroup[] = [];
    for (const group of groups) {
      const candidates = [...new Set(group.members.map((k) => holder.get(k)).filter((id): id is string => id !== undefined))];
      if (candidates.length === 0) {
        fresh.push(group);
        continue;
      }
      const oldest = candidates.sort((a, b) => olderFirst(this.open.get(a)!.alert, this.open.get(b)!.alert))[0]!;
      assigned.set(oldest, [...(assigned.get(oldest) ?? []), group]);
      for (const other of candidates) if (other !== oldest && !assigned.has(other)) assigned.set(other, []);
    }
    const revisions: AlertRevision[] = [];
    // An open alert left without a group whose causes went to another alert was merged into it.
    const alertOfCause = new Map<string, string>();
    for (const [id, groupsOf] of assigned) for (const g of groupsOf) for (const k of g.members) alertOfCause.set(k, id);
    const mergedInto = new Map<string, string>();
    for (const [id, { alert }] of this.open) {
      if ((assigned.get(id) ?? []).length > 0) continue;
      const into = alert.state.causes.map((c) => alertOfCause.get(c.key)).find((x) => x !== undefined);
      if (into) mergedInto.set(id, into);
    }
    for (const [id, open] of this.open) {
      const { alert, fingerprint } = open;
      const groupsOf = assigned.get(id) ?? [];
      if (groupsOf.length === 0) {
        revisions.push(this.resolved(alert, version, now, mergedInto.get(id) ?? null));
        continue;
      }
      const members = groupsOf.flatMap((g) => g.members);
      const roots = groupsOf.map((g) => g.root);
      const rootKey = roots.includes(alert.state.rootKey) ? alert.state.rootKey : roots.sort()[0]!;
      const merged = [...new Set([...alert.state.merged, ...[...mergedInto].filter(([, into]) => into === id).map(([from]) => from)])];
      const stateInputs = this.stateInputs(rootKey, members, merged);
      if (stateInputs === open.inputs) continue;
      this.rebuilt++;
      const previousKeys = new Set(alert.state.causes.map((c) => c.key));
      const state = alertState(rootKey, members.map((k) => this.held.get(k)!), merged, [...previousKeys].filter((k) => !members.includes(k)));
      const severity = severityOf(state);
      if (fingerprintOf(state, severity) === fingerprint && merged.length === alert.state.merged.length) {
        open.inputs = stateInputs;
        continue;
      }
      inputs.set(id, stateInputs);
      revisions.push(this.revision(alert, 'CHANGED', state, severity, version, now));
    }
    for (const group of fresh) {
      this.rebuilt++;
      const state = alertState(group.root, group.members.map((k) => this.held.get(k)!), [], []);
      const severity = severityOf(state);
      const alert: Alert = { id: `alert_${randomUUID()}`, status: 'OPEN', severity, summary: alertSummary(state), revision: 1, openedAt: now, updatedAt: now, resolvedAt: null, graphVersion: version, state };
      inputs.set(alert.id, this.stateInputs(group.root, group.members, []));
      revisions.push({ alert, event: 'OPENED', payload: webhookPayload(alert, 'OPENED') });
    }
    return revisions;
  }

  /** What an alert's fingerprint follows from: its root, merged alerts and causes (reaches by generation). */
  private stateInputs(rootKey: string, members: readonly string[], merged: readonly string[]): string {
    const causes = [...members].sort().map((k) => {
      const { cause, content, generation } = this.held.get(k)!;
      return [k, cause.severity, cause.since, content, generation];
    });
    return JSON.stringify([rootKey, merged, causes]);
  }

  private revision(previous: Alert, event: AlertEventKind, state: Alert['state'], severity: Alert['severity'], version: number, now: string): AlertRevision {
    const alert: Alert = { ...previous, severity, summary: alertSummary(state), revision: previous.revision + 1, updatedAt: now, graphVersion: version, state };
    return { alert, event, payload: webhookPayload(alert, event) };
  }

  private resolved(previous: Alert, version: number, now: string, mergedInto: string | null): AlertRevision {
    const state = { ...previous.state, cleared: previous.state.causes.map((c) => c.key), mergedInto };
    const alert: Alert = { ...previous, status: 'RESOLVED', revision: previous.revision + 1, updatedAt: now, resolvedAt: now, graphVersion: version, state, summary: `resolved${mergedInto ? ` (merged into ${mergedInto})` : ''}: ${previous.summary}` };
    return { alert, event: 'RESOLVED', payload: webhookPayload(alert, 'RESOLVED') };
  }
}

function olderFirst(a: Alert, b: Alert): number {
  return a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** What a cause's reach depends on: its node and the fields it names (not its wording or severity). */
function contentOf(cause: Cause): string {
  return JSON.stringify([nodeId(cause.node.type, cause.node.namespace, cause.node.name), [...cause.fields].sort()]);
}
