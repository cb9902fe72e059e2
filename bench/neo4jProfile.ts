/**
 * `npx tsx bench/neo4jProfile.ts [home] [hubId]`: where Cypher's time goes in lineage and impact
 * from Neo4j, on the graph bench/neo4jScaleBench.ts left in its Neo4j home (default
 * /tmp/dctx-neo4j-scale-200000; the hub defaults to the platform's). Each query shape is run as
 * the walk runs it (one statement per hop over the whole frontier), PROFILEd through
 * neo4j-driver's summary.profile, db hits and rows summed per operator over the hops, and timed
 * unprofiled (ROUNDS after a warm-up). Shapes that should give the same answer are checked
 * against the first shape run: same reached node set, same edge count.
 */
import type { ManagedTransaction, ProfiledPlan } from 'neo4j-driver';
import { nodeId } from '../graph-model/ids.js';
import { openNeo4jDriver } from '../graph-model/neo4j/neo4jConfig.js';
import { DOWNSTREAM_STEP, EDGES_INTO, Neo4jImpact, NODES } from '../graph-model/neo4j/neo4jImpact.js';
import { Neo4jLineage, STEP } from '../graph-model/neo4j/neo4jLineage.js';
import { PROJECTION_NAME } from '../graph-model/neo4j/neo4jMigrations.js';
import { VALID } from '../graph-model/neo4j/nodeSummariesAt.js';
import { CYPHER } from '../graph-model/neo4j/projectionCypher.js';
import { startNeo4j } from '../test/support/neo4jLauncher.js';
import { hubRef } from './scale/platformNames.js';
import { UNCAPPED } from './scale/correctnessChecks.js';
import { platformShape } from './scale/platformShape.js';
import { summarize } from './stats.js';

const ROUNDS = Number(process.env.DCTX_BENCH_NEO4J_ROUNDS ?? 5);
const DEPTH = 10;
/** DCTX_PROFILE_ONLY=lineage:shipped,impact:perBatch,e2e: only those shapes (a run at load 20 takes an hour otherwise). */
const ONLY = process.env.DCTX_PROFILE_ONLY ? new Set(process.env.DCTX_PROFILE_ONLY.split(',')) : null;
const wanted = (what: string) => !ONLY || ONLY.has(what);

/** Lineage's hop as first shipped: a row per edge, the far node's validity asked in a subquery per edge (the summaries read after the walk). */
const STEP_PER_EDGE = `
UNWIND $ids AS id
MATCH (n:Node {id: id})-[r:READS|WRITES]->(m:Node)
WHERE ${VALID('r')} AND EXISTS { MATCH (m)-[:HAS_VERSION]->(mv:NodeVersion) WHERE ${VALID('mv')} }
RETURN n.id AS near, m.id AS far, type(r) AS type`;

/** The summaries of the reached nodes at $version, as the first walk read them after it (nodeSummariesAt.ts). */
const SUMMARIES = `
UNWIND $ids AS id
MATCH (n:Node {id: id})-[:HAS_VERSION]->(v:NodeVersion)
WHERE ${VALID('v')}
RETURN n.id AS id, n:Asset AS asset, n.namespace AS namespace, n.name AS name, v.kind AS kind`;

/** Lineage's hop with the far node's validity asked once per distinct far node instead of once per edge. */
const STEP_DISTINCT_FAR = `
UNWIND $ids AS id
MATCH (n:Node {id: id})-[r:READS|WRITES]->(m:Node)
WHERE ${VALID('r')}
WITH m, collect({near: n.id, type: type(r)}) AS ins
WHERE EXISTS { MATCH (m)-[:HAS_VERSION]->(mv:NodeVersion) WHERE ${VALID('mv')} }
UNWIND ins AS i
RETURN i.near AS near, m.id AS far, i.type AS type`;

/** The same, with the far node's versions read through a pattern comprehension rather than a subquery. */
const STEP_COMPREHENSION = `
UNWIND $ids AS id
MATCH (n:Node {id: id})-[r:READS|WRITES]->(m:Node)
WHERE ${VALID('r')} AND size([(m)-[:HAS_VERSION]->(mv:NodeVersion) WHERE ${VALID('mv')} | 1]) > 0
RETURN n.id AS near, m.id AS far, type(r) AS type`;

/** Impact's closure in one statement: a variable-length pattern whose end nodes are asked DISTINCT (reachability, no paths). */
const CLOSURE_VAR_LENGTH = `
MATCH (s:Node) WHERE s.id IN $ids
MATCH (s)-[rs:READS|WRITES*1..]->(m:Node)
WHERE all(r IN rs WHERE ${VALID('r')})
RETURN DISTINCT m.id AS id`;

/** The same as a quantified path pattern with the validity inline (Cypher 5.9+). */
const CLOSURE_QPP = `
MATCH (s:Node) WHERE s.id IN $ids
MATCH (s) (()-[r:READS|WRITES WHERE ${VALID('r')}]->()){1,} (m:Node)
RETURN DISTINCT m.id AS id`;

/** Impact's statements returning one record per batch (lists of values) instead of one per row: the driver decodes records slowly. */
const DOWNSTREAM_STEP_GROUPED = `
UNWIND $ids AS id
MATCH (:Node {id: id})-[r:READS|WRITES]->(m:Node)
WHERE ${VALID('r')}
RETURN collect(DISTINCT m.id) AS ids`;
const EDGES_INTO_GROUPED = `
UNWIND $ids AS id
MATCH (a:Node)-[r:READS|WRITES]->(:Node {id: id})
WHERE ${VALID('r')}
RETURN collect([a.id, id, r.fromVersion, r.toVersion]) AS edges`;
const NODES_GROUPED = `
UNWIND $ids AS id
MATCH (n:Node {id: id})
OPTIONAL MATCH (n)-[:HAS_VERSION]->(v:NodeVersion)
WHERE ${VALID('v')}
RETURN collect([n.id, n:Asset, n.namespace, n.name, v.fromVersion, v.toVersion, v.kind, v.owners, v.fields, v.optionalInputs, v.requiredInputs, v.inactive, v IS NOT NULL]) AS nodes`;

/** Impact's statements returning one record per batch of ids (lists of values) instead of one per row: tried, slower (docs/neo4j.md). */
const DOWNSTREAM_STEP_PER_BATCH = `
UNWIND $ids AS id
MATCH (:Node {id: id})-[r:READS|WRITES]->(m:Node)
WHERE ${VALID('r')}
RETURN collect(DISTINCT m.id) AS ids`;
const EDGES_INTO_PER_BATCH = `
UNWIND $ids AS id
MATCH (a:Node)-[r:READS|WRITES]->(:Node {id: id})
WHERE ${VALID('r')}
RETURN collect([a.id, id, r.fromVersion, r.toVersion]) AS edges`;
const NODES_PER_BATCH = `
UNWIND $ids AS id
MATCH (n:Node {id: id})
OPTIONAL MATCH (n)-[:HAS_VERSION]->(v:NodeVersion)
WHERE ${VALID('v')}
RETURN collect([n.id, n:Asset, n.namespace, n.name, v.fromVersion, v.toVersion, v.kind, v.owners, v.fields, v.optionalInputs, v.requiredInputs, v.inactive, v IS NOT NULL]) AS nodes`;

interface OperatorTotals {
  dbHits: number;
  rows: number;
}

function addPlan(plan: ProfiledPlan, into: Map<string, OperatorTotals>): void {
  const name = plan.operatorType.replace(/@.*$/, '');
  const t = into.get(name) ?? { dbHits: 0, rows: 0 };
  t.dbHits += Number(plan.dbHits);
  t.rows += Number(plan.rows);
  into.set(name, t);
  for (const child of plan.children) addPlan(child, into);
}

function report(into: Map<string, OperatorTotals>) {
  const total = [...into.values()].reduce((s, t) => s + t.dbHits, 0);
  return {
    totalDbHits: total,
    operators: [...into].sort((a, b) => b[1].dbHits - a[1].dbHits).map(([op, t]) => ({ op, dbHits: t.dbHits, share: Math.round((t.dbHits / Math.max(1, total)) * 1000) / 10, rows: t.rows })),
  };
}

type Run = (tx: ManagedTransaction, cypher: string, params: Record<string, unknown>) => Promise<Record<string, unknown>[]>;

/** Runs a statement, PROFILEd (totals into `ops`) when `ops` is given. */
function runner(ops?: Map<string, OperatorTotals>): Run {
  return async (tx, cypher, params) => {
    const result = await tx.run(ops ? `PROFILE ${cypher}` : cypher, params);
    if (ops && result.summary.profile) addPlan(result.summary.profile as ProfiledPlan, ops);
    return result.records.map((r) => r.toObject());
  };
}

/** Lineage's walk downstream (breadth-first, one statement per hop over the frontier): reached ids and edges. */
async function lineageWalk(tx: ManagedTransaction, run: Run, step: string, withSummaries: boolean, start: string, version: number) {
  const seen = new Set([start]);
  const edges = new Set<string>();
  let frontier = [start];
  const hops: number[] = [];
  for (let d = 0; d < DEPTH && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const row of await run(tx, step, { ids: frontier, version })) {
      // The shipped step returns a record per far node with its nears; the others a record per edge.
      const nears = row.nears ? (row.nears as string[][]).map(([near]) => near!) : [row.near as string];
      for (const near of nears) edges.add(`${near}\u0000${row.far}`);
      if (!seen.has(row.far as string)) {
        seen.add(row.far as string);
        next.push(row.far as string);
      }
    }
    hops.push(frontier.length);
    frontier = next;
  }
  if (withSummaries) {
    const all = [...seen];
    for (let i = 0; i < all.length; i += 10_000) await run(tx, SUMMARIES, { ids: all.slice(i, i + 10_000), version });
  }
  return { nodes: seen, edges: edges.size, frontierSizes: hops };
}

/**
 * Impact's fetch as neo4jImpact.ts runs it (closure by hops, edges into it, node versions; a
 * record per row), with a record per batch instead, or with the closure in one statement.
 */
async function impactFetch(tx: ManagedTransaction, run: Run, closureShape: 'shipped' | 'perBatch' | string, start: string, version: number, phases?: Record<string, number>) {
  const perBatch = closureShape === 'perBatch';
  let t = performance.now();
  const closure = new Set([start]);
  if (closureShape === 'shipped' || perBatch) {
    for (let frontier = [start]; frontier.length > 0; ) {
      const next: string[] = [];
      for (let i = 0; i < frontier.length; i += 10_000) {
        const ids = frontier.slice(i, i + 10_000);
        const found = perBatch ? ((await run(tx, DOWNSTREAM_STEP_PER_BATCH, { ids, version }))[0]!.ids as string[]) : (await run(tx, DOWNSTREAM_STEP, { ids, version })).map((row) => row.id as string);
        for (const id of found) {
          if (!closure.has(id)) {
            closure.add(id);
            next.push(id);
          }
        }
      }
      frontier = next;
    }
  } else {
    for (const row of await run(tx, closureShape, { ids: [start], version })) closure.add(row.id as string);
  }
  const tick = (name: string) => {
    if (phases) phases[name] = (phases[name] ?? 0) + performance.now() - t;
    t = performance.now();
  };
  tick('closure');
  const ids = new Set(closure);
  const all = [...closure];
  let edges = 0;
  for (let i = 0; i < all.length; i += 10_000) {
    const batch = all.slice(i, i + 10_000);
    const froms = perBatch ? ((await run(tx, EDGES_INTO_PER_BATCH, { ids: batch, version }))[0]!.edges as unknown[][]).map((e) => e[0] as string) : (await run(tx, EDGES_INTO, { ids: batch, version })).map((row) => row.from as string);
    for (const from of froms) {
      ids.add(from);
      edges++;
    }
  }
  tick('edgesInto');
  const every = [...ids];
  for (let i = 0; i < every.length; i += 10_000) await run(tx, perBatch ? NODES_PER_BATCH : NODES, { ids: every.slice(i, i + 10_000), version });
  tick('nodes');
  return { nodes: closure, edges };
}

async function main() {
  const home = process.argv[2] ?? '/tmp/dctx-neo4j-scale-200000';
  const shape = platformShape('medium');
  const hub = hubRef(shape);
  const hubId = process.argv[3] ?? nodeId('ASSET', hub.namespace, hub.name);
  const neo4j = await startNeo4j({ home, heap: process.env.DCTX_BENCH_NEO4J_HEAP ?? '3g', pagecacheMb: Number(process.env.DCTX_BENCH_NEO4J_PAGECACHE_MB ?? 2048), quickStart: false });
  const driver = openNeo4jDriver({ url: neo4j.url });
  const out: Record<string, unknown> = { home, hub: hubId };
  try {
    const session = driver.session({ defaultAccessMode: 'READ' });
    const read = <T>(work: (tx: ManagedTransaction) => Promise<T>) => session.executeRead(work, { timeout: 600_000 });
    const version = Number((await read((tx) => tx.run(CYPHER.readState, { name: PROJECTION_NAME }))).records[0]!.get('version'));
    out.version = version;
    const time = async <T>(fn: () => Promise<T>) => {
      await fn();
      const ms: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const s = performance.now();
        await fn();
        ms.push(performance.now() - s);
      }
      return summarize(ms);
    };

    // [step, whether the walk reads the summaries after it]: the shipped step carries them.
    const lineageShapes: Record<string, [string, boolean]> = { perEdge: [STEP_PER_EDGE, true], comprehension: [STEP_COMPREHENSION, true], distinctFar: [STEP_DISTINCT_FAR, true], shipped: [STEP(true), false] };
    let reference: { nodes: Set<string>; edges: number } | undefined;
    const lineageOut: Record<string, unknown> = {};
    for (const [name, [step, withSummaries]] of Object.entries(lineageShapes)) {
      if (!wanted(`lineage:${name}`)) continue;
      const ops = new Map<string, OperatorTotals>();
      const profiled = await read((tx) => lineageWalk(tx, runner(ops), step, withSummaries, hubId, version));
      reference ??= profiled;
      const same = profiled.nodes.size === reference.nodes.size && [...profiled.nodes].every((id) => reference!.nodes.has(id)) && profiled.edges === reference.edges;
      const ms = await time(() => read((tx) => lineageWalk(tx, runner(), step, withSummaries, hubId, version)));
      lineageOut[name] = { nodes: profiled.nodes.size, edges: profiled.edges, frontierSizes: profiled.frontierSizes, sameAsFirst: same, ms, ...report(ops) };
      console.log(`lineage ${name}: ${JSON.stringify(lineageOut[name])}`);
    }
    out.lineageDepth10 = lineageOut;

    const impactShapes: Record<string, string> = { shipped: 'shipped', perBatch: 'perBatch', closureVarLength: CLOSURE_VAR_LENGTH, closureQpp: CLOSURE_QPP };
    let closureRef: Set<string> | undefined;
    const impactOut: Record<string, unknown> = {};
    for (const [name, shapeCypher] of Object.entries(impactShapes)) {
      if (!wanted(`impact:${name}`)) continue;
      const ops = new Map<string, OperatorTotals>();
      const profiled = await read((tx) => impactFetch(tx, runner(ops), shapeCypher, hubId, version));
      closureRef ??= profiled.nodes;
      const same = profiled.nodes.size === closureRef.size && [...profiled.nodes].every((id) => closureRef!.has(id));
      const phases: Record<string, number> = {};
      const ms = await time(() => read((tx) => impactFetch(tx, runner(), shapeCypher, hubId, version, phases)));
      const phaseMsPerRun = Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v / (ROUNDS + 1))]));
      impactOut[name] = { closure: profiled.nodes.size, edgesInto: profiled.edges, sameClosureAsFirst: same, ms, phaseMsPerRun, ...report(ops) };
      console.log(`impact fetch ${name}: ${JSON.stringify(impactOut[name])}`);
    }
    out.impactFetch = impactOut;

    // End to end, as DCTX_LINEAGE_BACKEND=neo4j answers (this checkout's neo4jLineage.ts and neo4jImpact.ts).
    const lineageE2e = new Neo4jLineage(driver, undefined);
    const impactE2e = new Neo4jImpact(driver, undefined);
    if (wanted('e2e')) out.endToEnd = {
      lineageDepth10Uncapped: await time(() => lineageE2e.lineage({ ids: [hubId], direction: 'DOWNSTREAM', depth: DEPTH, maxNodes: UNCAPPED, asOf: version })),
      impactOfHub: await time(() => impactE2e.impact({ ids: [hubId], mode: 'DELETE', asOf: version })),
    };
    console.log(`end to end: ${JSON.stringify(out.endToEnd)}`);

    await session.close();
    console.log(JSON.stringify(out, null, 2));
  } finally {
    await driver.close();
    await neo4j.stop();
  }
}

await main();
process.exit(0);
