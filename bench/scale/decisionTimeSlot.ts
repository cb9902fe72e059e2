import type { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import { measureDecisionBuild, measureFeaturesForRule } from '../decisionBench.js';

/**
 * Decision time on the scale harness's own graph: the decision index's precompute and
 * featuresForRule in process (bench/decisionBench.ts). Over HTTP is measured against a server
 * process afterwards (decisionHttpSlot.ts, PostgreSQL only); until then the slot says so.
 */
export async function decisionTime(graph: VersionedGraph): Promise<Record<string, unknown>> {
  const { decision, rules, buildMs } = measureDecisionBuild(graph);
  const inProcess = measureFeaturesForRule(decision, { calls: 200_000 });
  return {
    precompute: { rules, buildMs },
    inProcess,
    http: { status: 'not measured', reason: 'measured against a dctx serve process on PostgreSQL only' },
    budgets: { inProcessP99Us: 5, httpRequestsPerSecond: 15_000, httpP99Ms: 2 },
  };
}
