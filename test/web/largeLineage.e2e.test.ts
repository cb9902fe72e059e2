import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Changeset } from '../../graph-model/model.js';
import { GraphStore } from '../../graph-model/store/graphStore.js';
import { startGraphQL, type RunningService } from '../server/graphql/graphqlClient.js';
import { browserUnavailable, launchChromium } from '../support/browser.js';
import { drawnGraph, watchPageProblems } from '../support/explorerPage.js';

const skip = browserUnavailable();
if (skip) console.warn(skip);

/** One table read by 800 jobs, each writing a table of its own: 1,601 nodes, past the explorer's 1,500 (its large mode). */
const JOBS = 800;
function fanOut(): Changeset {
  const raw = { type: 'ASSET', namespace: 'hive://large', name: 'raw.events' };
  const changeset = { source: 'large-lineage-test', mode: 'full' as const, assets: [{ namespace: raw.namespace, name: raw.name, kind: 'TABLE' }], computations: [] as object[], edges: [] as object[] };
  for (let i = 0; i < JOBS; i++) {
    const job = { type: 'COMPUTATION', namespace: 'spark://large', name: `job_${i}` };
    const table = { type: 'ASSET', namespace: 'hive://large', name: `out.t_${i}` };
    changeset.assets.push({ namespace: table.namespace, name: table.name, kind: 'TABLE' });
    changeset.computations.push({ namespace: job.namespace, name: job.name, kind: 'BATCH_JOB' });
    changeset.edges.push({ from: raw, to: job }, { from: job, to: table });
  }
  return changeset as Changeset;
}

type Cy = { zoom(): number; zoom(options: { level: number; position: { x: number; y: number } }): void; getElementById(id: string): { position(): { x: number; y: number }; style(name: string): string }; nodes(): { map<T>(f: (n: { id(): string; style(name: string): string }) => T): T[] } };

describe.skipIf(skip !== null)('a large lineage in Chromium', () => {
  let store: GraphStore;
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let root: string;
  const names = new Map<string, string>();

  beforeAll(async () => {
    store = await GraphStore.open({ dataDir: 'memory' });
    await store.apply(fanOut());
    service = await startGraphQL(store);
    const gql = async (query: string) => ((await (await fetch(`${service.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as { data: any }).data;
    root = (await gql(`{ asset(namespace: "hive://large", name: "raw.events") { id } }`)).asset.id;
    const lineage = (await gql(`{ lineage(id: "${root}", direction: DOWNSTREAM, depth: 5, maxNodes: 5000) { truncated nodes { id name } } }`)).lineage;
    expect(lineage.truncated).toBe(false);
    for (const node of lineage.nodes) names.set(node.id, node.name);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    problems = watchPageProblems(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await store?.close();
  });

  const drawnLabels = () =>
    page.evaluate(() => {
      const cy = (globalThis as unknown as { dctxGraph: Cy }).dctxGraph;
      return Object.fromEntries(cy.nodes().map((n) => [n.id(), n.style('label')]));
    });

  it('draws every node, names each one once the view is zoomed in on it, and only those in view', async () => {
    expect(names.size).toBe(2 * JOBS + 1);
    await page.goto(`${service.base}/?view=lineage&node=${root}&depth=5&max=5000&group=none`);
    const drawn = await drawnGraph(page);
    expect(drawn.nodes.map((n) => n.id).sort()).toEqual([...names.keys()].sort());
    expect(drawn.nodes.every((n) => n.label === names.get(n.id))).toBe(true);

    // Surveyed whole, no label can be read: only the root's is drawn.
    let labels = await drawnLabels();
    expect(Object.entries(labels).filter(([, label]) => label !== '')).toEqual([[root, 'raw.events']]);

    // Zoomed in on one written table, its name is drawn, and a table far from it has none.
    const target = drawn.nodes.find((n) => names.get(n.id) === `out.t_${JOBS / 2}`)!;
    const far = drawn.nodes.filter((n) => names.get(n.id)!.startsWith('out.') && Math.abs(n.y - target.y) > 5_000)[0]!;
    expect(far).toBeDefined();
    await page.evaluate((position) => (globalThis as unknown as { dctxGraph: Cy }).dctxGraph.zoom({ level: 1, position }), { x: target.x, y: target.y });
    await expect.poll(async () => (await drawnLabels())[target.id]).toBe(`out.t_${JOBS / 2}`);
    labels = await drawnLabels();
    expect(labels[far.id]).toBe('');
    // Each node labelled is its own name, and they are a few of the 1,601.
    const shown = Object.entries(labels).filter(([, label]) => label !== '');
    expect(shown.every(([id, label]) => names.get(id) === label)).toBe(true);
    expect(shown.length).toBeGreaterThan(1);
    expect(shown.length).toBeLessThan(200);
    expect(problems).toEqual([]);
  });
});
