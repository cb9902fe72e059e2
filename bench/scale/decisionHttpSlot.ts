import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import type { HttpThroughput } from '../decisionBench.js';
import { startServeProcess } from '../serveProcess.js';
import { loadAverage } from './machineFacts.js';

const LOAD_PROCESS = fileURLToPath(new URL('../decisionLoadProcess.ts', import.meta.url));

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
 * through rule ids against GET /v1/decision/rule-features, from a process of its own. Budget: ≥15,000 requests/s, p99 ≤2 ms.
 */
export async function decisionOverHttp(databaseUrl: string, ruleIds: string[], seconds = 15): Promise<Record<string, unknown>> {
  const server = await startServeProcess({ DATABASE_URL: databaseUrl });
  const dir = mkdtempSync(join(tmpdir(), 'dctx-decision-'));
  const idsFile = join(dir, 'rules.txt');
  writeFileSync(idsFile, ruleIds.join('\n'));
  // The load generator runs in a small process of its own: in this one, which holds the whole
  // index, its pauses for garbage collection would be counted as the server's latency.
  const load = async (connections: number, forSeconds: number): Promise<HttpThroughput> => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', LOAD_PROCESS, server.base, idsFile, String(connections), String(forSeconds)]);
    return JSON.parse(stdout.trim().split('\n').pop()!) as HttpThroughput;
  };
  try {
    // A warm-up at the measured load: the first requests build each rule's JSON bytes and warm the
    // JIT, and the server's first collections after loading its index happen here, not in the figure.
    await load(16, 5);
    const at16 = await load(16, seconds);
    const at64 = await load(64, seconds);
    return { serverStartupMs: server.startupMs, rules: ruleIds.length, connections16: { ...at16, loadAverage: loadAverage() }, connections64: { ...at64, loadAverage: loadAverage() } };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
