import type { NodeRef } from '../model.js';
import type { GraphReader } from '../store/graphReader.js';
import type { QualityResult } from '../store/operations/readQualityResults.js';
import type { Cause, CauseContext, CauseSeverity, CauseSource } from './cause.js';

/** A failing outcome's severity; pass, error (the check did not run) and measured values open no cause. */
const SEVERITY: Partial<Record<QualityResult['outcome'], CauseSeverity>> = { fail: 'HIGH', warn: 'LOW' };

type Reader = Pick<GraphReader, 'latestQualityResults' | 'qualityTouched' | 'nodes'>;

/**
 * Quality results as causes (docs/quality.md): a check whose latest result at `ctx.now` is a
 * failure (fail, or warn) is one ASSERTION_FAILED cause on its node and field, open since that
 * result. A later pass clears it. A check that could not run (`error`) opens none: it says
 * nothing of the data, and a cause would blame it for the checker's trouble.
 */
export class QualityCauseSource implements CauseSource {
  readonly name = 'quality';

  constructor(private readonly store: Reader) {}

  async openCauses(ctx: CauseContext): Promise<Cause[]> {
    const failing = (await this.store.latestQualityResults(ctx.now)).filter((r) => SEVERITY[r.outcome] !== undefined);
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

  /** Nodes with results recorded while the graph was at `afterVersion` or later (results make no version of their own). */
  touchedSince(afterVersion: number): Promise<string[]> {
    return this.store.qualityTouched(afterVersion);
  }
}
