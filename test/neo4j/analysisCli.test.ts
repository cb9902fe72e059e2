import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Neo4jProjection } from '../../graph-model/neo4j/neo4jProjection.js';
import { GraphStore } from '../../graph-model/store/graphStore.js';
import { describeWithNeo4j, emptyNeo4j, useNeo4j } from '../support/neo4jSuite.js';
import { fourVersions, NS, RULE, RULE_EVAL } from './platform.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A lineage answer in one order: nodes by distance then id, edges by from then to (Neo4j and the index order a distance differently). */
function comparable(result: { nodes: { id: string; distance: number }[]; edges: { from: string; to: string }[] }) {
  return { ...result, nodes: [...result.nodes].sort((a, b) => a.distance - b.distance || text(a.id, b.id)), edges: [...result.edges].sort((a, b) => text(a.from, b.from) || text(a.to, b.to)) };
}

describeWithNeo4j('dctx lineage and dctx impact with DCTX_LINEAGE_BACKEND=neo4j', () => {
  const neo4j = useNeo4j();
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dctx-neo4j-analysis-cli-'));
    const store = await GraphStore.open({ dataDir: join(dir, 'data') });
    try {
      for (const changeset of fourVersions()) await store.apply(changeset);
      await store.recordMetrics('metrics:test', [
        { nodeId: RULE, metric: 'rule.evaluations', granularity: 'day', bucketStart: '2026-11-02T00:00:00Z', value: 700 },
        { nodeId: RULE_EVAL, metric: 'rule.evaluations', granularity: 'day', bucketStart: '2026-11-03T00:00:00Z', value: 1400 },
      ]);
      await emptyNeo4j(neo4j.driver());
      // Version 3 of 4: without --as-of the commands answer at the newest version the projection holds.
      await new Neo4jProjection(neo4j.driver(), store.db, undefined).catchUp({ upTo: 3 });
    } finally {
      await store.close();
    }
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  function dctx(backend: 'index' | 'neo4j', ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = { ...process.env, DATABASE_URL: '', DCTX_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent', DCTX_LINEAGE_BACKEND: backend, NEO4J_URL: backend === 'neo4j' ? neo4j.server().url : '' };
    return new Promise((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT, env, timeout: 120_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
  }
  const json = async (backend: 'index' | 'neo4j', ...args: string[]) => {
    const run = await dctx(backend, '--json', ...args);
    if (run.code !== 0) throw new Error(`dctx ${args.join(' ')} (${backend}) exited ${run.code}: ${run.stderr}`);
    return JSON.parse(run.stdout);
  };

  it('dctx lineage answers from Cypher as the index does, node and field level, at the version the projection holds', { timeout: 600_000 }, async () => {
    const orders = `asset:${NS}/shop.public.orders`;
    const fromNeo4j = await json('neo4j', 'lineage', orders, '--direction', 'both', '--depth', '10');
    expect(fromNeo4j.version).toBe(3);
    expect(comparable(fromNeo4j)).toEqual(comparable(await json('index', 'lineage', orders, '--direction', 'both', '--depth', '10', '--as-of', '3')));
    expect(fromNeo4j.nodes.map((n: { name: string }) => n.name)).toContain('block_high_amount');

    const fieldArgs = ['lineage', `asset:${NS}/shop.mart.orders_enriched`, '--direction', 'upstream', '--fields', 'amount,phone', '--as-of', '1'];
    const fields = await json('neo4j', ...fieldArgs);
    expect(fields.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'phone' })]));
    expect(comparable(fields)).toEqual(comparable(await json('index', ...fieldArgs)));

    const table = await dctx('neo4j', 'lineage', orders, '--direction', 'both', '--depth', '10');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/\ngraph version 3: 5 nodes, 4 edges\n$/);
  });

  it('refuses a start field the asset lacks and a version the projection does not hold, as user errors', { timeout: 600_000 }, async () => {
    const unknown = await dctx('neo4j', 'lineage', `asset:${NS}/shop.public.orders`, '--fields', 'no_such_column');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(`asset:${NS}/shop.public.orders has no field no_such_column at graph version 3\n`);
    const ahead = await dctx('neo4j', 'lineage', `asset:${NS}/shop.public.orders`, '--as-of', '4');
    expect(ahead.code).toBe(1);
    expect(ahead.stderr).toBe('graph version 4 is ahead of the Neo4j projection (at version 3): dctx neo4j sync\n');
  });

  it('dctx impact answers from what Neo4j returns, traffic by the kinds there, as the index does', { timeout: 600_000 }, async () => {
    const args = ['impact', `asset:${NS}/shop.public.orders`, '--from', '2026-11-01', '--to', '2026-11-08'];
    const fromNeo4j = await json('neo4j', ...args);
    expect(fromNeo4j.version).toBe(3);
    expect(fromNeo4j.broken.map((n: { id: string; traffic: number | null }) => [n.id, n.traffic]).filter(([, t]: [string, number | null]) => t !== null)).toEqual([
      [RULE_EVAL, 200],
      [RULE, 100],
    ]);
    expect(fromNeo4j).toEqual(await json('index', ...args, '--as-of', '3'));
  });
});
