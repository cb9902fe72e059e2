/**
 * The API benchmark of issue 6, on PostgreSQL (DATABASE_URL) at the `medium` scale (200k assets;
 * BENCH_API_SCALE=small for a quick run): loads the synthetic platform into a fresh database, starts
 * `dctx serve` on it as a child process (autocannon in the server's own event loop would measure
 * itself), then measures with autocannon:
 * - a single-asset GraphQL query (budget: at least 2,000 requests/s on 2 cores), from the index only
 *   and with the asset's description (one SQL statement per request, batched per request);
 * - downstream lineage to depth 5 over HTTP from a rotating sample of tables (budget: p99 <= 20 ms),
 *   at one connection (latency) and at 8 (throughput).
 */
import autocannon from 'autocannon';
import pg from 'pg';
import { GraphStore } from '../graph-model/store/graphStore.js';
import { nodeId } from '../graph-model/ids.js';
import { loadPlatform } from './scale/loadPlatform.js';
import { assetRef } from './scale/platformNames.js';
import { platformShape, type Scale } from './scale/platformShape.js';
import { loadAverage } from './scale/machineFacts.js';
import { startServeProcess, type ServeProcess } from './serveProcess.js';

interface Figures {
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  loadAverage: number[];
}

export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!process.env.DATABASE_URL) throw new Error('the api benchmark runs on PostgreSQL: set DATABASE_URL');
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const name = `dctx_api_bench_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function cannon(base: string, bodies: string[], connections: number, seconds: number): Promise<Figures> {
  let next = 0;
  const result = await autocannon({
    url: `${base}/graphql`,
    connections,
    duration: seconds,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length]! }) }],
  });
  return {
    connections,
    seconds,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    loadAverage: loadAverage(),
  };
}

export async function runApiBench(): Promise<Record<string, unknown>> {
  const scale = (process.env.BENCH_API_SCALE ?? 'medium') as Scale;
  const seconds = Number(process.env.BENCH_API_SECONDS ?? 15);
  const shape = platformShape(scale);
  const database = await freshDatabase();
  let server: ServeProcess | null = null;
  try {
    const store = await GraphStore.open({ databaseUrl: database.url });
    const load = await loadPlatform(store, shape);
    await store.close();
    console.log(`loaded ${load.nodes} nodes and ${load.edges} edges (${scale})`);
    server = await startServeProcess({ DATABASE_URL: database.url });
    const base = server.base;

    const tables = Array.from({ length: 200 }, (_, i) => assetRef(shape, 'dwd', (i * 7919) % shape.layerSize.dwd));
    const single = (withDescription: boolean) =>
      tables.map((t) =>
        JSON.stringify({
          query: `query($ns: String!, $name: String!) { asset(namespace: $ns, name: $name) { id name kind${withDescription ? ' description' : ''} } }`,
          variables: { ns: t.namespace, name: t.name },
        }),
      );
    const lineageBodies = tables.map((t) =>
      JSON.stringify({
        query: 'query($id: ID!) { lineage(id: $id, direction: DOWNSTREAM, depth: 5) { nodes { id name kind __typename } edges { from to kind } truncated } }',
        variables: { id: nodeId('ASSET', t.namespace, t.name) },
      }),
    );
    // Warm the JIT and the connection pool before measuring.
    await cannon(base, single(true), 4, 3);
    const results = {
      scale,
      nodes: load.nodes,
      edges: load.edges,
      serverStartupMs: server.startupMs,
      singleAssetIndexOnly: await cannon(base, single(false), 16, seconds),
      singleAssetWithDescription: await cannon(base, single(true), 16, seconds),
      lineageDepth5Latency: await cannon(base, lineageBodies, 1, seconds),
      lineageDepth5Throughput: await cannon(base, lineageBodies, 8, seconds),
    };
    console.table(
      Object.fromEntries(
        Object.entries(results)
          .filter(([, v]) => typeof v === 'object')
          .map(([k, v]) => [k, v as Figures]),
      ),
    );
    return results;
  } finally {
    await server?.stop();
    await database.drop();
  }
}
