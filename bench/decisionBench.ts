/**
 * Decision-time micro-benchmarks (issue 7): featuresForRule in process (budget: p99 <= 5 us at 1M
 * assets), the full precompute, and GET /v1/decision/rule-features over HTTP (budget: >= 15,000
 * req/s with p99 <= 2 ms on 2 cores). The scale harness calls the exported functions on its own
 * graph; run directly (`npx tsx bench/decisionBench.ts`), it measures a synthetic risk graph of
 * BENCH_DECISION_ASSETS assets (default 200k) in process, and, when BENCH_DECISION_URL names a
 * running server (e.g. `dctx demo`), that server over HTTP for the demo's rules.
 */
import autocannon from 'autocannon';
import { pathToFileURL } from 'node:url';
import { rules as demoRules } from '../demo/platform/rules.js';
import { DecisionIndex } from '../graph-model/decision/decisionIndex.js';
import { nodeId } from '../graph-model/ids.js';
import { VersionedGraph } from '../graph-model/index/versionedGraph.js';
import { percentile, seededRandom } from './stats.js';

export interface InProcessLatency {
  calls: number;
  rules: number;
  p50Us: number;
  p99Us: number;
  p999Us: number;
  maxUs: number;
  meanUs: number;
  /** What two back-to-back process.hrtime.bigint() calls cost here; included in every sample. */
  timerOverheadUs: number;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Latency of `decision.featuresForRule` over `calls` calls cycling through the rules in a random
 * order (so successive calls hit different entries, as an engine evaluating many rules does), each
 * timed alone with process.hrtime.bigint(). Half the calls name the rule by id and half by
 * (namespace, name) unless `by` says otherwise.
 */
export function measureFeaturesForRule(
  decision: DecisionIndex,
  options: { calls?: number; warmupCalls?: number; by?: 'id' | 'name' | 'both'; seed?: number } = {},
): InProcessLatency {
  const calls = options.calls ?? 1_000_000;
  const by = options.by ?? 'both';
  const random = seededRandom(options.seed ?? 7);
  const ids = [...decision.ruleIds()];
  if (ids.length === 0) throw new Error('the decision index holds no rule');
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  const names = ids.map((id) => {
    const rule = decision.featuresForRule(id)!.rule;
    return { namespace: rule.namespace, name: rule.name };
  });
  const keys: (string | { namespace: string; name: string })[] = ids.map((id, i) => (by === 'name' || (by === 'both' && i % 2 === 1) ? names[i]! : id));
  let sink = 0;
  for (let i = 0; i < (options.warmupCalls ?? Math.min(calls, 200_000)); i++) sink += decision.featuresForRule(keys[i % keys.length]!)!.version;
  const samples = new Float64Array(calls);
  let overhead = Infinity;
  for (let i = 0; i < 1000; i++) {
    const t0 = process.hrtime.bigint();
    const t1 = process.hrtime.bigint();
    overhead = Math.min(overhead, Number(t1 - t0));
  }
  for (let i = 0; i < calls; i++) {
    const key = keys[i % keys.length]!;
    const t0 = process.hrtime.bigint();
    const answer = decision.featuresForRule(key);
    const t1 = process.hrtime.bigint();
    samples[i] = Number(t1 - t0);
    sink += answer!.version;
  }
  if (sink === -1) console.log(sink);
  const sorted = Array.from(samples).sort((a, b) => a - b);
  const us = (ns: number) => round(ns / 1000);
  return {
    calls,
    rules: ids.length,
    p50Us: us(percentile(sorted, 50)),
    p99Us: us(percentile(sorted, 99)),
    p999Us: us(percentile(sorted, 99.9)),
    maxUs: us(sorted[sorted.length - 1]!),
    meanUs: us(sorted.reduce((s, x) => s + x, 0) / sorted.length),
    timerOverheadUs: us(overhead),
  };
}

/** The full precompute (what attaching to a loaded index costs at start-up). */
export function measureDecisionBuild(graph: VersionedGraph): { decision: DecisionIndex; rules: number; buildMs: number } {
  const started = process.hrtime.bigint();
  const decision = DecisionIndex.build(graph);
  return { decision, rules: decision.size, buildMs: round(Number(process.hrtime.bigint() - started) / 1e6) };
}

export interface HttpThroughput {
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

/**
 * GET /v1/decision/rule-features?id=.. against a running server, cycling through `ruleIds`, with
 * autocannon (keep-alive, pipelining 1). Run the server in another process: autocannon in the same
 * event loop would measure itself.
 */
export async function measureDecisionHttp(base: string, ruleIds: string[], options: { connections?: number; seconds?: number; token?: string } = {}): Promise<HttpThroughput> {
  const connections = options.connections ?? 32;
  const seconds = options.seconds ?? 10;
  // One static request per rule, which each connection cycles through: autocannon builds their
  // bytes once. A setupRequest callback would rebuild a request per send, and the load generator
  // then saturates its core before the server does (12-14k requests/s where a bare Node server
  // answers 23k on this machine), which measures autocannon rather than the endpoint.
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    requests: ruleIds.map((id) => ({ method: 'GET' as const, path: `/v1/decision/rule-features?id=${encodeURIComponent(id)}` })),
  });
  return {
    connections,
    seconds,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/**
 * A risk platform shaped like the scale harness's lower layers, built straight in memory: tables
 * (a few hubs), features reading 1-3 tables (one in five also derived from an earlier feature),
 * models reading 12 features, rules reading 2-5 features and, one in three, a model.
 */
export function syntheticRiskGraph(assets: number, seed = 11): VersionedGraph {
  const random = seededRandom(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const graph = new VersionedGraph();
  const asset = (namespace: string, name: string, kind: string) => {
    const n = graph.addNode(nodeId('ASSET', namespace, name), 'ASSET', namespace, name);
    graph.addNodeVersion(n, { fromVersion: 1, kind });
    return n;
  };
  const job = (name: string, kind: string, reads: number[], writes: number) => {
    const c = graph.addNode(nodeId('COMPUTATION', 'bench.jobs', name), 'COMPUTATION', 'bench.jobs', name);
    graph.addNodeVersion(c, { fromVersion: 1, kind });
    for (const r of new Set(reads)) graph.addEdge(r, c, 1);
    graph.addEdge(c, writes, 1);
  };
  const rules = Math.round(assets * 0.08);
  const features = Math.round(assets * 0.4);
  const models = Math.max(1, Math.round(assets * 0.005));
  const tables = assets - rules - features - models;
  const tableIds = Array.from({ length: tables }, (_, i) => asset('hive://warehouse', `dw.table_${i}`, 'TABLE'));
  const featureIds: number[] = [];
  for (let i = 0; i < features; i++) {
    const f = asset('risk.features', `feature_${i}`, 'FEATURE');
    const reads = Array.from({ length: 1 + pick(3) }, () => tableIds[random() < 0.1 ? pick(10) : pick(tables)]!);
    if (i > 0 && random() < 0.2) reads.push(featureIds[pick(i)]!);
    job(`feature_${i}.pipeline`, 'FEATURE_PIPELINE', reads, f);
    featureIds.push(f);
  }
  const modelIds: number[] = [];
  for (let i = 0; i < models; i++) {
    const m = asset('risk.models', `model_${i}`, 'MODEL');
    const inputs = Array.from({ length: 12 }, () => featureIds[pick(features)]!);
    job(`model_${i}.training`, 'TRAINING', [...inputs, tableIds[pick(tables)]!], m);
    job(`model_${i}.inference`, 'INFERENCE', inputs, m);
    modelIds.push(m);
  }
  for (let i = 0; i < rules; i++) {
    const r = asset('risk.rules', `rule_${i}`, 'RULE');
    const reads = Array.from({ length: 2 + pick(4) }, () => featureIds[pick(features)]!);
    if (random() < 1 / 3) reads.push(modelIds[pick(models)]!);
    job(`rule_${i}.evaluation`, 'RULE_EVALUATION', reads, r);
  }
  graph.version = 1;
  return graph;
}

async function main(): Promise<void> {
  const assets = Number(process.env.BENCH_DECISION_ASSETS ?? 200_000);
  let started = Date.now();
  const graph = syntheticRiskGraph(assets);
  const buildGraphMs = Date.now() - started;
  const { decision, rules, buildMs } = measureDecisionBuild(graph);
  started = Date.now();
  const inProcess = measureFeaturesForRule(decision, { calls: Number(process.env.BENCH_DECISION_CALLS ?? 1_000_000) });
  const report: Record<string, unknown> = { assets, nodes: graph.nodes.count, edges: graph.edges.count, buildGraphMs, rules, buildMs, inProcess, inProcessSeconds: (Date.now() - started) / 1000 };
  const url = process.env.BENCH_DECISION_URL;
  if (url) {
    const ids = demoRules(5).map((rule) => nodeId('ASSET', 'risk.rules', rule.name));
    report.http = await measureDecisionHttp(url, ids, { connections: Number(process.env.BENCH_DECISION_CONNECTIONS ?? 32), seconds: Number(process.env.BENCH_DECISION_SECONDS ?? 10) });
  }
  console.log(JSON.stringify(report, null, 2));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
