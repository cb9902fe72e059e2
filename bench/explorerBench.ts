/**
 * `npm run bench -- explorer`: the lineage explorer in headless Chromium (Debian's, as the tests
 * use it) on the synthetic platform (bench/scale/, medium by default: DCTX_EXPLORER_SCALE=small
 * for a quick run). For lineages of 500, 2,000 and 5,000 nodes (the walk down from the biggest
 * hub, cut at that many nodes by maxNodes, every node drawn: group=none):
 * - navigation → interactive graph: from navigation start (a fresh browser context, nothing
 *   cached) to the first frame drawn after the layout, with what it is made of: the GraphQL
 *   answer, ELK's layout in its worker, Cytoscape's drawing (split into adding the elements and
 *   the first frame, from the renderer's performance.measure marks), and the load average then;
 * - at 5,000 nodes, frame times while panning (mouse drag) and zooming (wheel), from a
 *   requestAnimationFrame loop in the page.
 */
import { loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { GraphIndex } from '../graph-model/index/graphIndex.js';
import { createService } from '../server/http/createServer.js';
import { launchChromium } from '../test/support/browser.js';
import { ensureBuilt } from '../web/scripts/ensureBuilt.js';
import { freshStore } from './freshStore.js';
import { platformChangesets } from './scale/platformGenerator.js';
import { hubRef } from './scale/platformNames.js';
import { platformShape, SCALES, type Scale } from './scale/platformShape.js';
import { summarize } from './stats.js';

const SIZES = [500, 2000, 5000];
const REPEATS = Number(process.env.DCTX_EXPLORER_REPEATS ?? 5);

interface Navigation {
  readyMs: number;
  answerMs: number;
  layoutMs: number;
  renderMs: number;
  /** The render's parts: Cytoscape's add (elements created, styled lazily), the first frame (styles, bounds, drawing). */
  addMs: number;
  frameMs: number;
  drawn: number;
  loadAverage: number;
}

export async function runExplorerBench(): Promise<Record<string, unknown>> {
  const scale = (process.env.DCTX_EXPLORER_SCALE ?? 'medium') as Scale;
  if (!SCALES.includes(scale)) throw new Error(`DCTX_EXPLORER_SCALE must be one of ${SCALES.join(', ')}`);
  ensureBuilt((line) => console.log(line));
  const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const { store, cleanup } = await freshStore(engine);
  const shape = platformShape(scale);
  const loadStarted = performance.now();
  let nodes = 0;
  for (const changeset of platformChangesets(shape)) {
    await store.apply(changeset);
    nodes += changeset.assets!.length + changeset.computations!.length;
  }
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  console.log(`explorer bench: ${scale} platform (${nodes} nodes) loaded into ${engine} in ${loadSeconds.toFixed(0)} s`);
  const index = await GraphIndex.load(store);
  const service = createService({ store, index });
  await new Promise<void>((resolve) => service.server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(service.server.address() as AddressInfo).port}`;
  const hub = hubRef(shape);
  const hubAnswer = (await (
    await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ asset(namespace: "${hub.namespace}", name: "${hub.name}") { id } }` }) })
  ).json()) as { data: { asset: { id: string } } };
  const hubId = hubAnswer.data.asset.id;
  const browser = await launchChromium();
  const results: Record<string, unknown> = { scale, engine, platformNodes: nodes, loadSeconds, hub: `${hub.namespace}/${hub.name}`, repeats: REPEATS, loadAverageBefore: loadavg() };

  const navigate = async (size: number, group: string): Promise<Navigation & { frames?: Record<string, unknown> }> => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/?view=lineage&node=${hubId}&depth=20&max=${size}&group=${group}`);
    await page.locator('#graph[data-state="ready"]').waitFor({ timeout: 120_000 });
    // Strings, not functions: tsx names inner functions with a helper the page does not have.
    const figures = (await page.evaluate(`({
      readyMs: performance.getEntriesByName('graph-ready').at(-1).startTime,
      answerMs: performance.getEntriesByName('lineage-answer').at(-1).startTime,
      layoutMs: window.dctxTimings.layoutMs,
      renderMs: window.dctxTimings.renderMs,
      addMs: performance.getEntriesByName('cy-add').at(-1).duration,
      frameMs: performance.getEntriesByName('cy-frame').at(-1).duration,
      drawn: window.dctxGraph.nodes().length,
    })`)) as Navigation;
    figures.loadAverage = loadavg()[0]!;
    await context.close();
    return figures;
  };

  for (const size of SIZES) {
    const runs: Navigation[] = [];
    for (let i = 0; i < REPEATS; i++) runs.push(await navigate(size, 'none'));
    const pick = (key: keyof Navigation) => summarize(runs.map((r) => r[key]));
    results[`nodes${size}`] = { drawn: runs[0]!.drawn, navigationToInteractiveMs: pick('readyMs'), graphqlAnswerAtMs: pick('answerMs'), elkLayoutMs: pick('layoutMs'), cytoscapeRenderMs: pick('renderMs'), cytoscapeAddMs: pick('addMs'), cytoscapeFirstFrameMs: pick('frameMs'), loadAverage: pick('loadAverage') };
    console.log(`explorer bench: ${size} nodes`, JSON.stringify(results[`nodes${size}`]));
  }
  const grouped = await navigate(5000, 'auto');
  results.nodes5000Grouped = grouped;
  console.log('explorer bench: 5000 nodes, auto grouping', JSON.stringify(grouped));

  // Frame times at 5,000 nodes while the user pans (drag) and zooms (wheel).
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/?view=lineage&node=${hubId}&depth=20&max=5000&group=none`);
  await page.locator('#graph[data-state="ready"]').waitFor({ timeout: 120_000 });
  const box = (await page.locator('#graph').boundingBox())!;
  const recording = page.evaluate(`new Promise((resolve) => {
    const deltas = [];
    let last = performance.now();
    const end = last + 6000;
    function frame(t) {
      deltas.push(t - last);
      last = t;
      if (t < end) requestAnimationFrame(frame);
      else resolve(deltas);
    }
    requestAnimationFrame(frame);
  })`) as Promise<number[]>;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 0; i < 60; i++) await page.mouse.move(cx + Math.sin(i / 6) * 300, cy + Math.cos(i / 6) * 150, { steps: 2 });
  await page.mouse.up();
  for (let i = 0; i < 40; i++) {
    await page.mouse.wheel(0, i < 20 ? -120 : 120);
    await page.waitForTimeout(30);
  }
  const deltas = (await recording).slice(1);
  results.frames5000 = { panAndZoomFrameMs: summarize(deltas), frames: deltas.length };
  console.log('explorer bench: 5000 nodes, pan and zoom frames', JSON.stringify(results.frames5000));
  await context.close();

  results.loadAverageAfter = loadavg();
  await browser.close();
  index.close();
  service.server.closeAllConnections();
  await new Promise<void>((resolve) => service.server.close(() => resolve()));
  await cleanup();
  return results;
}
