import type { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import { measureDecisionHttp } from '../decisionBench.js';
import { startServeProcess } from '../serveProcess.js';
import { loadAverage } from './machineFacts.js';

/** Up to `limit` RULE assets at the graph's latest version, spread over the whole id space. */
export function sampleRuleIds(graph: VersionedGraph, limit = 2_000): string[] {
  const rules: string[] = [];
  for (let n = 0; n < graph.nodes.count; n++) {
    if (graph.nodes.versionAt(n, graph.version)?.kind === 'RULE') rules.push(graph.nodes.id(n));
  }
  const step = Math.max(1, Math.floor(rules.length / limit));
  return rules.filter((_, i) => i % step === 0).slice(0, limit);
}

/**
 * Decision time over HTTP: `dctx serve` started on the benchmark's PostgreSQL database (it loads
 * its own index and decision answers; its start-up time is reported), then autocannon cycling
 * through rule ids against GET /v1/decision/rule-features. Budget: ≥15,000 requests/s, p99 ≤2 ms.
 */
export async function decisionOverHttp(databaseUrl: string, ruleIds: string[], seconds = 15): Promise<Record<string, unknown>> {
  const server = await startServeProcess({ DATABASE_URL: databaseUrl });
  try {
    // A short warm-up: the first requests build each rule's JSON bytes and warm the JIT.
    await measureDecisionHttp(server.base, ruleIds, { connections: 8, seconds: 3 });
    const at16 = await measureDecisionHttp(server.base, ruleIds, { connections: 16, seconds });
    const at64 = await measureDecisionHttp(server.base, ruleIds, { connections: 64, seconds });
    return { serverStartupMs: server.startupMs, rules: ruleIds.length, connections16: { ...at16, loadAverage: loadAverage() }, connections64: { ...at64, loadAverage: loadAverage() } };
  } finally {
    await server.stop();
  }
}
