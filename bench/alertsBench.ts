/**
 * `npm run bench -- alerts` (issue 24): on the synthetic platform (bench/scale/), loaded into
 * PostgreSQL (PGlite without DATABASE_URL),
 *  1. the latency from a quality result or incident being committed to its alert being readable
 *     in the store and its webhook received by a real local HTTP receiver: openings and clearings,
 *     p50/p95/p99 (goal: p99 at most 1 s);
 *  2. the cost of one re-evaluation after a changeset, by what the changeset touched (1, 10, 100
 *     nodes, unrelated to or inside the open alerts' reach) at two graph sizes.
 * ALERTS_SCALE picks the big size (default large; medium on a loaded machine), ALERTS_EVENTS the
 * number of latency events (default 60); the small scale is always measured too.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FreshnessCauseSource } from '../graph-model/alerts/freshnessCauseSource.js';
import { readAlerts } from '../graph-model/alerts/operations/readAlerts.js';
import { QualityCauseSource } from '../graph-model/alerts/qualityCauseSource.js';
import { nodeId } from '../graph-model/ids.js';
import { GraphIndex } from '../graph-model/index/graphIndex.js';
import { COMPUTATION_KINDS, type NodeAssertion } from '../graph-model/model.js';
import type { GraphStore } from '../graph-model/store/graphStore.js';
import { AlertService } from '../server/alerts/alertService.js';
import { freshStore } from './freshStore.js';
import { loadPlatform } from './scale/loadPlatform.js';
import { assetRef } from './scale/platformNames.js';
import { platformShape, type PlatformShape, type Scale } from './scale/platformShape.js';
import { seededRandom, summarize } from './stats.js';

const SECRET = 'bench-secret-0123456789';
const COMPUTATION = new Set<string>(COMPUTATION_KINDS);

/** A receiver that answers 200 and tells who waits for a body of (type, root cause). */
async function receiver(): Promise<{ url: string; server: Server; next(type: string, rootCause: string): Promise<number> }> {
  const waiting = new Map<string, (at: number) => void>();
  const arrived = new Map<string, number>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const at = performance.now();
      res.writeHead(200).end();
      const payload = JSON.parse(body) as { type: string; alert: { rootCause: string } };
      const key = `${payload.type} ${payload.alert.rootCause}`;
      const resolve = waiting.get(key);
      if (resolve) {
        waiting.delete(key);
        resolve(at);
      } else arrived.set(key, at);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    server,
    next(type, rootCause) {
      const key = `${type} ${rootCause}`;
      const at = arrived.get(key);
      if (at !== undefined) {
        arrived.delete(key);
        return Promise.resolve(at);
      }
      return new Promise((resolve) => waiting.set(key, resolve));
    },
  };
}

/** Polls the alert table (small: one alert at a time is open) until the root's latest alert has `status`. */
async function readable(store: GraphStore, rootKey: string, status: 'OPEN' | 'RESOLVED'): Promise<number> {
  const deadline = performance.now() + 60_000;
  for (;;) {
    const rows = await store.db.query<{ status: string }>('SELECT status FROM alert WHERE root_key = $1 ORDER BY opened_at DESC LIMIT 1', [rootKey]);
    if (rows[0]?.status === status) return performance.now();
    if (performance.now() > deadline) throw new Error(`no ${status} alert for ${rootKey} after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

interface Loaded {
  store: GraphStore;
  index: GraphIndex;
  alerts: AlertService;
  freshness: FreshnessCauseSource;
  hook: Awaited<ReturnType<typeof receiver>>;
  shape: PlatformShape;
  nodes: number;
  edges: number;
  loadSeconds: number;
  cleanup(): Promise<void>;
}

async function load(scale: Scale): Promise<Loaded> {
  const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const fresh = await freshStore(engine);
  const shape = platformShape(scale);
  const started = performance.now();
  const report = await loadPlatform(fresh.store, shape, (line) => process.stderr.write(`  ${scale}: ${line}\n`));
  const loadSeconds = (performance.now() - started) / 1000;
  const index = await GraphIndex.load(fresh.store);
  const hook = await receiver();
  // No interval: every evaluation measured here is triggered by the write itself.
  // The service's default sources, built here so that the freshness source's reads can be reported.
  const freshness = new FreshnessCauseSource(fresh.store);
  const sources = [new QualityCauseSource(fresh.store), freshness];
  const alerts = await AlertService.start({ store: fresh.store, index, sources, endpoints: [{ name: 'bench', url: hook.url, secret: SECRET }], intervalMs: 0 });
  return {
    store: fresh.store,
    index,
    alerts,
    freshness,
    hook,
    shape,
    nodes: report.nodes,
    edges: report.edges,
    loadSeconds,
    async cleanup() {
      await alerts.close();
      index.close();
      hook.server.close();
      await fresh.cleanup();
    },
  };
}

/** A table of the warehouse layers, not a hub (a hub reaches a third of the platform). */
function randomTable(shape: PlatformShape, random: () => number) {
  const layer = (['ods', 'dwd', 'wide'] as const)[Math.floor(random() * 3)]!;
  const index = shape.hubs + Math.floor(random() * (shape.layerSize[layer] - shape.hubs));
  return assetRef(shape, layer, index);
}

/** Nodes the one open alert reaches (broken and degraded). */
async function openReach(l: Loaded): Promise<number> {
  const [alert] = await readAlerts(l.store.db, { status: 'OPEN', limit: 1 });
  return alert ? alert.state.impact.broken + alert.state.impact.degraded : 0;
}

/** Part 1: commit → readable and commit → webhook received, for openings and clearings. */
async function latency(l: Loaded, events: number) {
  const random = seededRandom(24);
  const readableMs: number[] = [];
  const webhookMs: number[] = [];
  const byKind: Record<string, { readable: number[]; webhook: number[] }> = {};
  const note = (kind: string, committed: number, read: number, received: number) => {
    readableMs.push(read - committed);
    webhookMs.push(received - committed);
    const k = (byKind[kind] ??= { readable: [], webhook: [] });
    k.readable.push(read - committed);
    k.webhook.push(received - committed);
  };
  const measure = async (kind: string, commit: () => Promise<string>, type: string, status: 'OPEN' | 'RESOLVED') => {
    const rootKey = await commit();
    const committed = performance.now();
    const [read, received] = await Promise.all([readable(l.store, rootKey, status), l.hook.next(type, rootKey)]);
    note(kind, committed, read, received);
  };
  let reachedTotal = 0;
  for (let i = 0; i < Math.ceil(events / 2); i++) {
    const table = randomTable(l.shape, random);
    const id = nodeId('ASSET', table.namespace, table.name);
    if (i % 2 === 0) {
      let incidentId = 0;
      await measure('incident opened', async () => {
        incidentId = (await l.alerts.incidents.open({ node: table, severity: 'HIGH', note: 'bench', actor: 'bench' })).id;
        return `incident:${incidentId}`;
      }, 'alert.opened', 'OPEN');
      reachedTotal += await openReach(l);
      await measure('incident resolved', async () => {
        await l.alerts.incidents.resolve(incidentId, 'bench', 'done');
        return `incident:${incidentId}`;
      }, 'alert.resolved', 'RESOLVED');
    } else {
      const check = `bench_check_${i}`;
      const key = `assertion:${id}:v:${check}`;
      await measure('quality failed', async () => {
        await l.store.recordQualityResults('bench', [{ nodeId: id, field: 'v', check, observedAt: new Date(Date.now() - 1000).toISOString(), outcome: 'fail', observed: 1 }]);
        return key;
      }, 'alert.opened', 'OPEN');
      reachedTotal += await openReach(l);
      await measure('quality passed', async () => {
        await l.store.recordQualityResults('bench', [{ nodeId: id, field: 'v', check, observedAt: new Date(Date.now() - 500).toISOString(), outcome: 'pass', observed: 0 }]);
        return key;
      }, 'alert.resolved', 'RESOLVED');
    }
  }
  return {
    events: readableMs.length,
    meanReachedNodes: Math.round(reachedTotal / Math.ceil(events / 2)),
    readableMs: summarize(readableMs),
    webhookReceivedMs: summarize(webhookMs),
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, { readableMs: summarize(v.readable), webhookReceivedMs: summarize(v.webhook) }])),
  };
}

/** Part 2: one re-evaluation after a changeset touching k nodes, unrelated to or inside the open alerts' reach. */
async function reevaluation(l: Loaded, openCauses: number) {
  const random = seededRandom(2024);
  for (let i = 0; i < openCauses; i++) await l.alerts.incidents.open({ node: randomTable(l.shape, random), severity: 'LOW', note: 'bench, held open', actor: 'bench' });
  await l.alerts.engine.settled();
  await l.alerts.engine.evaluate();
  const open = await readAlerts(l.store.db, { status: 'OPEN', limit: 1000 });
  const reachedAssets = [...new Map(open.flatMap((a) => a.state.reached).filter((r) => !COMPUTATION.has(r.kind)).map((r) => [r.id, r])).values()];
  const heldReach = open.reduce((n, a) => n + a.state.impact.broken + a.state.impact.degraded, 0);
  const rows: Record<string, unknown>[] = [];
  let round = 0;
  for (const where of ['unrelated', 'in reach'] as const) {
    for (const k of [1, 10, 100]) {
      const samples: number[] = [];
      const phases: { sourcesMs: number[]; reviseMs: number[] } = { sourcesMs: [], reviseMs: [] };
      const p50Of = (phase: keyof typeof phases) => Math.round(summarize(phases[phase]).p50 * 10) / 10;
      let stats = l.alerts.engine.lastStats!;
      for (let rep = 0; rep < 5; rep++) {
        round++;
        const assets: NodeAssertion[] =
          where === 'unrelated'
            ? Array.from({ length: k }, (_, j) => ({ namespace: 'bench://touch', name: `t${j}`, kind: 'TABLE', definition: { description: `round ${round}` } }))
            : Array.from({ length: k }, (_, j) => reachedAssets[(round * 101 + j * 7) % reachedAssets.length]!).map((r) => ({ namespace: r.namespace, name: r.name, kind: r.kind, definition: { description: `touched in round ${round}` } }));
        const result = await l.store.apply({ source: 'bench:touch', mode: 'delta', assets });
        await l.index.waitFor(result.version, 120_000);
        await l.alerts.engine.settled();
        stats = l.alerts.engine.lastStats!;
        if (stats.version !== result.version) throw new Error(`the engine evaluated ${stats.version}, not ${result.version}`);
        samples.push(stats.durationMs);
        phases.sourcesMs.push(stats.sourcesMs);
        phases.reviseMs.push(stats.reviseMs);
      }
      const s = summarize(samples);
      const refresh = l.freshness.lastRefresh;
      rows.push({ touched: where, k, touchedNodes: stats.touchedNodes, recomputedCauses: stats.recomputedCauses, recomputedReach: stats.recomputedReach, rebuiltAlerts: stats.rebuiltAlerts, sourcesMsP50: p50Of('sourcesMs'), reviseMsP50: p50Of('reviseMs'), freshnessReread: refresh?.reread, freshnessVersionTablesRead: refresh?.versionTablesRead, evaluationMsP50: Math.round(s.p50 * 10) / 10, evaluationMsMax: Math.round(s.max * 10) / 10 });
    }
  }
  return { openAlerts: open.length, heldReachNodes: heldReach, rows };
}

export async function runAlertsBench(): Promise<Record<string, unknown>> {
  const big = (process.env.ALERTS_SCALE ?? 'large') as Scale;
  const events = Number(process.env.ALERTS_EVENTS ?? 60);
  const out: Record<string, unknown> = { engine: process.env.DATABASE_URL ? 'postgres' : 'pglite' };
  for (const scale of [...new Set<Scale>(['small', big])]) {
    const l = await load(scale);
    try {
      console.log(`${scale}: ${l.nodes} nodes, ${l.edges} edges loaded in ${Math.round(l.loadSeconds)} s`);
      const lat = await latency(l, events);
      console.log(`${scale} latency`, JSON.stringify(lat));
      const re = await reevaluation(l, 20);
      console.log(`${scale} re-evaluation`, JSON.stringify(re));
      out[scale] = { nodes: l.nodes, edges: l.edges, loadSeconds: Math.round(l.loadSeconds), latency: lat, reevaluation: re };
    } finally {
      await l.cleanup();
    }
  }
  return out;
}
