/**
 * Is a before/after difference in the scale bench's analyses real? As bench/readsBeforeAfter.ts for
 * the store's reads: one process, both checkouts' code, call by call alternated (the order swapped
 * every call), so the machine's load weighs on both alike.
 *
 *   npx tsx bench/analysesBeforeAfter.ts <before checkout> <after checkout> [scale] [calls]
 *
 * Each checkout loads the synthetic platform (bench/scale, default small) into a PGlite store of
 * its own with its own code, builds its own index, reads its own cost metrics; then every analysis
 * the scale bench times is called `calls` times by each (default 200, fewer for the slow ones).
 * Prints per-side percentiles and after/before ratios, of wall time and of the process's CPU time
 * per call (user + system: on a loaded machine wall time also counts the time the process waited
 * for a core, CPU time does not).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { summarize } from './stats.js';

type Side = 'before' | 'after';
const SIDES: Side[] = ['before', 'after'];
const [beforeDir, afterDir, scaleArg, callsArg] = process.argv.slice(2);
if (!beforeDir || !afterDir) {
  console.error('usage: npx tsx bench/analysesBeforeAfter.ts <before checkout> <after checkout> [scale] [calls]');
  process.exit(2);
}
const dirs: Record<Side, string> = { before: resolve(beforeDir), after: resolve(afterDir) };
const scale = scaleArg ?? 'small';
const calls = Number(callsArg ?? 200);

type Analyses = Record<string, () => unknown>;

/** One checkout's store, index and the scale bench's analyses on them (bench/scale/scaleBench.ts). */
async function prepare(side: Side): Promise<{ analyses: Analyses; close(): Promise<void> }> {
  const at = (path: string) => import(`${dirs[side]}/${path}`);
  const { GraphStore } = await at('graph-model/store/graphStore.ts');
  const { GraphIndex } = await at('graph-model/index/graphIndex.ts');
  const { lineage, lineageSubgraph } = await at('graph-model/analyses/lineage.ts');
  const { impactColumns, impactOf } = await at('graph-model/analyses/impact.ts');
  const { costAttribution } = await at('graph-model/analyses/costAttribution.ts');
  const { nodeId } = await at('graph-model/ids.ts');
  const { loadPlatform } = await at('bench/scale/loadPlatform.ts');
  const { platformShape } = await at('bench/scale/platformShape.ts');
  const { hubRef } = await at('bench/scale/platformNames.ts');
  const { platformCostAndEvaluations } = await at('bench/scale/platformMetrics.ts');
  const { UNCAPPED } = await at('bench/scale/correctnessChecks.ts');
  const dir = mkdtempSync(join(tmpdir(), `dctx-analyses-${side}-`));
  const store = await GraphStore.open({ dataDir: dir });
  const shape = platformShape(scale);
  const start = performance.now();
  const load = await loadPlatform(store, shape);
  await store.db.exec('VACUUM ANALYZE');
  const index = await GraphIndex.load(store);
  const { cost, evaluations } = await platformCostAndEvaluations(store);
  console.log(`${side}: loaded ${load.nodes} nodes, ${load.edges} edges and built the index in ${Math.round(performance.now() - start)} ms`);
  const hub = hubRef(shape);
  const hubId = nodeId('ASSET', hub.namespace, hub.name);
  const down = (depth: number, asOf?: number) => () =>
    lineageSubgraph(index, { ids: [hubId], direction: 'DOWNSTREAM', depth, asOf, maxNodes: UNCAPPED }).ids();
  const analyses: Analyses = {
    lineageHubDownstreamDepth3Ms: down(3),
    lineageHubDownstreamDepth10Ms: down(10),
    lineageHubDownstreamDepth10ObjectsMs: () => lineage(index, { ids: [hubId], direction: 'DOWNSTREAM', depth: 10, maxNodes: UNCAPPED }),
    lineageHubDownstreamDepth10DefaultCapMs: () => lineage(index, { ids: [hubId], direction: 'DOWNSTREAM', depth: 10 }),
    lineageOldAsOfDepth10Ms: down(10, load.loadedVersion),
    impactOfHubMs: () => impactColumns(index, { ids: [hubId], mode: 'DELETE' }).impacted.ids(),
    impactOfHubObjectsMs: () => impactOf(index, { ids: [hubId], mode: 'DELETE' }),
    impactOfHubFirst100Ms: () => impactOf(index, { ids: [hubId], mode: 'DELETE', limit: 100 }),
    costAttributionMs: () => costAttribution(index, { cost, split: 'EQUAL', evaluations }),
  };
  return {
    analyses,
    close: async () => {
      index.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const sides = { before: await prepare('before'), after: await prepare('after') };
type Summary = ReturnType<typeof summarize>;
const results: Record<string, { wall: Record<Side, Summary>; cpu: Record<Side, Summary>; ratioP50: number; ratioP95: number; cpuRatioP50: number; cpuRatioP25: number }> = {};
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
let turn = 0;
// BENCH_ONLY=impactOfHubMs,costAttributionMs times only those (for a profile of both sides' code).
const only = process.env.BENCH_ONLY?.split(',');
for (const name of Object.keys(sides.after.analyses).filter((n) => !only || only.includes(n))) {
  const times: Record<Side, number[]> = { before: [], after: [] };
  const cpu: Record<Side, number[]> = { before: [], after: [] };
  // Both warmed up before anything is timed.
  for (const side of SIDES) for (let i = 0; i < 3; i++) sides[side].analyses[name]!();
  const n = name.startsWith('impactOfHubObjects') || name.startsWith('costAttribution') ? Math.ceil(calls / 4) : calls;
  for (let i = 0; i < n; i++) {
    turn++;
    for (const side of turn % 2 ? SIDES : [...SIDES].reverse()) {
      const cpuStart = cpuMs();
      const start = performance.now();
      sides[side].analyses[name]!();
      times[side].push(performance.now() - start);
      cpu[side].push(cpuMs() - cpuStart);
    }
  }
  const wall = { before: summarize(times.before), after: summarize(times.after) };
  const c = { before: summarize(cpu.before), after: summarize(cpu.after) };
  const p25 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 4)]!;
  results[name] = {
    wall,
    cpu: c,
    ratioP50: ratio(wall.after.p50, wall.before.p50),
    ratioP95: ratio(wall.after.p95, wall.before.p95),
    cpuRatioP50: ratio(c.after.p50, c.before.p50),
    cpuRatioP25: ratio(p25(cpu.after), p25(cpu.before)),
  };
  const r = results[name];
  console.log(
    `${name} (n ${wall.before.n}): wall p50 ${wall.before.p50} -> ${wall.after.p50} ms (${r.ratioP50}), p95 ${wall.before.p95} -> ${wall.after.p95} (${r.ratioP95}); cpu p50 ${c.before.p50} -> ${c.after.p50} ms (${r.cpuRatioP50}), p25 ratio ${r.cpuRatioP25}`,
  );
}
for (const side of SIDES) await sides[side].close();
console.log(JSON.stringify(results));
process.exit(0);
