import type { NodeRef } from '../model.js';
import type { GraphReader } from '../store/graphReader.js';
import type { QualityResult } from '../store/operations/readQualityResults.js';
import type { Cause, CauseContext, CauseSeverity, CauseSource } from './cause.js';

/** A failing outcome's severity; pass, error (the check did not run) and measured values open no cause. */
const SEVERITY: Partial<Record<QualityResult['outcome'], CauseSeverity>> = { fail: 'HIGH', warn: 'LOW' };

type Reader = Pick<GraphReader, 'latestQualityResults' | 'qualityTouched' | 'qualityNodesAfter' | 'nodes'>;

/**
 * How long the source follows what changed before it reads every check's latest result again: a
 * bound on what an unforeseen miss (a result recorded under a version older than the one followed)
 * could hide, far inside the minute an alert is due in.
 */
const FULL_READ_EVERY_MS = 60_000;

/** What the source knows between evaluations that follow the graph index (`ctx.graph`). */
interface Followed {
  /** The clock and graph version of the last read: results recorded at that version or later are read again. */
  now: number;
  version: number;
  fullReadAt: number;
  /** Per node, the failing latest results of its checks. */
  failing: Map<string, QualityResult[]>;
  /** Nodes with results stamped after `now`, read again until the clock passes them. */
  pending: Set<string>;
}

/**
 * Quality results as causes (docs/quality.md): a check whose latest result at `ctx.now` is a
 * failure (fail, or warn) is one ASSERTION_FAILED cause on its node and field, open since that
 * result. A later pass clears it. A check that could not run (`error`) opens none: it says
 * nothing of the data, and a cause would blame it for the checker's trouble.
 *
 * Evaluated by an engine that follows the graph index, the source keeps each node's failing
 * results and reads again only the nodes with results recorded since (and those holding results
 * stamped ahead of the clock), so an evaluation costs what changed, not the result history; a full
 * read every minute, when the clock goes back, or without `ctx.graph`.
 */
export class QualityCauseSource implements CauseSource {
  readonly name = 'quality';

  constructor(private readonly store: Reader) {}

  private followed: Followed | undefined;

  async openCauses(ctx: CauseContext): Promise<Cause[]> {
    const failing = await this.failingResults(ctx);
    if (failing.length === 0) return [];
    const nodes = new Map((await this.store.nodes([...new Set(failing.map((r) => r.nodeId))])).map((n) => [n.id, n]));
    const causes: Cause[] = [];
    for (const result of failing) {
      const node = nodes.get(result.nodeId);
      if (!node) continue; // the node has ended: nothing downstream to reach
      const ref: NodeRef = { type: node.type, namespace: node.namespace, name: node.name };
      const on = result.field ? `${node.name}.${result.field}` : node.name;
      causes.push({
        key: `assertion:${result.nodeId}:${result.field}:${result.check}`,
        kind: 'ASSERTION_FAILED',
        node: ref,
        fields: result.field ? [result.field] : [],
        severity: SEVERITY[result.outcome]!,
        since: result.observedAt,
        summary: `check ${result.check} ${result.outcome === 'warn' ? 'warned' : 'failed'} on ${on}${result.message ? `: ${result.message}` : ''}`,
        evidence: {
          check: result.check,
          source: result.source,
          outcome: result.outcome,
          observed: result.observed,
          expected: result.expected,
          message: result.message,
          runId: result.runId,
          observedAt: result.observedAt,
        },
      });
    }
    return causes;
  }

  private async failingResults(ctx: CauseContext): Promise<QualityResult[]> {
    const clock = Date.parse(ctx.now);
    const followed = this.followed;
    if (!ctx.graph || !followed || clock < followed.now || ctx.graph.version < followed.version || clock - followed.fullReadAt > FULL_READ_EVERY_MS) {
      return this.readAll(ctx.now, clock, ctx.graph?.version);
    }
    const nodes = [...new Set([...(await this.store.qualityTouched(followed.version)), ...followed.pending])];
    if (nodes.length > 0) {
      const [latest, ahead] = await Promise.all([this.store.latestQualityResults(ctx.now, nodes), this.store.qualityNodesAfter(ctx.now, nodes)]);
      for (const id of nodes) {
        followed.failing.delete(id);
        followed.pending.delete(id);
      }
      addFailing(followed.failing, latest);
      for (const id of ahead) followed.pending.add(id);
    }
    followed.now = clock;
    followed.version = ctx.graph.version;
    return inCheckOrder(followed.failing);
  }

  private async readAll(now: string, clock: number, version: number | undefined): Promise<QualityResult[]> {
    const [latest, ahead] = await Promise.all([this.store.latestQualityResults(now), version === undefined ? [] : this.store.qualityNodesAfter(now, null)]);
    const failing = addFailing(new Map(), latest);
    this.followed = version === undefined ? undefined : { now: clock, version, fullReadAt: clock, failing, pending: new Set(ahead) };
    return inCheckOrder(failing);
  }

  /** Nodes with results recorded while the graph was at `afterVersion` or later (results make no version of their own). */
  touchedSince(afterVersion: number): Promise<string[]> {
    return this.store.qualityTouched(afterVersion);
  }
}

function addFailing(into: Map<string, QualityResult[]>, results: readonly QualityResult[]): Map<string, QualityResult[]> {
  for (const result of results) {
    if (SEVERITY[result.outcome] === undefined) continue;
    const list = into.get(result.nodeId);
    if (list) list.push(result);
    else into.set(result.nodeId, [result]);
  }
  return into;
}

/** The results by node, field and check, as the full read gives them. */
function inCheckOrder(failing: Map<string, QualityResult[]>): QualityResult[] {
  const key = (r: QualityResult) => `${r.nodeId}\u0000${r.field}\u0000${r.check}`;
  return [...failing.values()].flat().sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
