import type { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import { measureDecisionBuild, measureFeaturesForRule } from '../decisionBench.js';

/**
 * Decision time on the scale harness's own graph: the decision index's precompute and
 * featuresForRule in process (bench/decisionBench.ts, another worker's). Over HTTP (autocannon
 * against GET /v1/decision/rule-features of a server on the same database) needs a server process
 * beside this one and is not wired yet: the slot says "not measured" rather than leaving it out.
 */
export async function decisionTime(graph: VersionedGraph): Promise<Record<string, unknown>> {
  const { decision, rules, buildMs } = measureDecisionBuild(graph);
  const inProcess = measureFeaturesForRule(decision, { calls: 200_000 });
  return {
    precompute: { rules, buildMs },
    inProcess,
    http: { status: 'not measured', reason: 'needs a server process on the benchmark database; not wired into the scale harness yet' },
    budgets: { inProcessP99Us: 5, httpRequestsPerSecond: 15_000, httpP99Ms: 2 },
  };
}
