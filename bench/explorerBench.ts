/**
 * `npm run bench -- explorer`: the lineage explorer in headless Chromium (Debian's, as the tests
 * use it) on the synthetic platform (bench/scale/, medium by default: DCTX_EXPLORER_SCALE=small
 * for a quick run). For lineages of 500, 2,000 and 5,000 nodes (the walk down from the biggest
 * hub, cut at that many nodes by maxNodes, every node drawn: group=none):
 * - navigation → interactive graph: from navigation start (a fresh browser context, nothing
 *   cached) to the first frame drawn of every node, which can then be panned, zoomed and clicked
 *   (`graph-interactive`; past 1,500 elements at the walk's levels, before ELK's layout), and to
 *   the frame with ELK's layout (`graph-ready`), with what it is made of: the GraphQL answer,
 *   ELK's layout in its worker, Cytoscape's drawing (split into adding the elements and the first
 *   frame, from the renderer's performance.measure marks), the page's task time (Chromium's
 *   TaskDuration: main thread and layout worker) and the load average then; the main thread's CPU
 *   time up to interactive (ThreadTime: what an idle machine's wall time would be, about), and
 *   when the main thread is free again after the first drawing (`settled`: from interactive, the
 *   first 500 ms without a long task begins);
 * - before and around the answer (`beforeTheAnswer`): the lineage's /graphql request in Resource
 *   Timing (sent, request start, first byte, last byte, sizes; the page's largest answer), the
 *   page's other queries (sent, answered), the first script received and DOMContentLoaded; and
 *   (`answerToAdd`) the page's steps from the answer to Cytoscape's add: the last byte to the
 *   `lineage-answer` mark, that mark to the add's start, and the page's own measures where the
 *   build has them (JSON parsed, lineage-graph, lineage-picture, the canvas's effect, cy-made,
 *   cy-layout-input, cy-level-columns, cy-elements);
 * - at 5,000 nodes, frame times while panning (mouse drag) and zooming (wheel), from a
 *   requestAnimationFrame loop in the page.
 * DCTX_EXPLORER_URL=http://host:port measures a server already serving the platform (the hub is
 * looked up there) instead of loading one; DCTX_EXPLORER_SIZES=5000 measures only those sizes.
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

const SIZES = (process.env.DCTX_EXPLORER_SIZES ?? '500,2000,5000').split(',').map(Number);
const REPEATS = Number(process.env.DCTX_EXPLORER_REPEATS ?? 5);

interface Navigation {
  /** Every node drawn and answering pan, zoom and click (at the walk's levels past 1,500 elements). */
  interactiveMs: number;
  /**
   * The main thread free again after the first drawing: from interactive, the first 500 ms
   * without a long task (50 ms or more, Chromium's longtask entries) begins. Cytoscape's work
   * after the first frame (textures of a better quality, rendered styles) delays input until then.
   */
  settledMs: number;
  /** CPU time of the page's main thread from navigation to interactive (Chromium's ThreadTime): what the load changes less than wall time. */
  mainThreadCpuMs: number;
  /** ELK's layout drawn. */
  readyMs: number;
  answerMs: number;
  layoutMs: number;
  renderMs: number;
  /** The render's parts: Cytoscape's add (elements created; past 1,500 elements the nodes styled too), the first frame (the edges' styles, every element's bounds, drawing). */
  addMs: number;
  frameMs: number;
  /** Moving the drawn nodes to ELK's positions (past 1,500 elements). */
  relayoutMs: number;
  /** The page's tasks from navigation to the layout drawn, the main thread's and the layout worker's (Chromium's TaskDuration: wall time of tasks, so it grows with the load). */
  pageTasksMs: number;
  drawn: number;
  loadAverage: number;
  /** Before and around the answer (Resource Timing of the lineage's /graphql request: the largest answer of the page's). */
  lineageSentMs: number;
  lineageRequestStartMs: number;
  lineageResponseStartMs: number;
  lineageResponseEndMs: number;
  lineageTransferBytes: number;
  lineageDecodedBytes: number;
  /** The page's other /graphql requests (the node's header): sent, answered. */
  otherGraphqlMs: [number, number][];
  /** The page's script (index-*.js) received, and DOMContentLoaded. */
  scriptEndMs: number;
  domContentLoadedMs: number;
  /** The client between the answer and Cytoscape's add: response end to the lineage-answer mark (JSON parse, the view's render and its memos), then to cy-add's start (a frame, the canvas's effect, the renderer made, the layout input and level columns). */
  answerToMarkMs: number;
  markToAddStartMs: number;
  /** The page's measures (web/src: client.ts, LineageView, GraphCanvas, renderer), null in a build without them. */
  client: Record<string, number> | null;
}

export async function runExplorerBench(): Promise<Record<string, unknown>> {
  const scale = (process.env.DCTX_EXPLORER_SCALE ?? 'medium') as Scale;
  if (!SCALES.includes(scale)) throw new Error(`DCTX_EXPLORER_SCALE must be one of ${SCALES.join(', ')}`);
  ensureBuilt((line) => console.log(line));
  const served = process.env.DCTX_EXPLORER_URL;
  const engine = served ? 'running server' : process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const shape = platformShape(scale);
  let base: string;
  let nodes = 0;
  let loadSeconds = 0;
  let stop = async () => {};
  if (served) {
    base = served.replace(/\/$/, '');
  } else {
    const { store, cleanup } = await freshStore(engine as 'postgres' | 'pglite');
    const loadStarted = performance.now();
    for (const changeset of platformChangesets(shape)) {
      await store.apply(changeset);
      nodes += changeset.assets!.length + changeset.computations!.length;
    }
    loadSeconds = (performance.now() - loadStarted) / 1000;
    console.log(`explorer bench: ${scale} platform (${nodes} nodes) loaded into ${engine} in ${loadSeconds.toFixed(0)} s`);
    const index = await GraphIndex.load(store);
    const service = createService({ store, index });
    await new Promise<void>((resolve) => service.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(service.server.address() as AddressInfo).port}`;
    stop = async () => {
      index.close();
      service.server.closeAllConnections();
      await new Promise<void>((resolve) => service.server.close(() => resolve()));
      await cleanup();
    };
  }
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
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metric = async (name: string) => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
    const busy = () => metric('TaskDuration');
    const busyBefore = await busy();
    const cpuBefore = await metric('ThreadTime');
    // Before the page's scripts (an init script runs outside its CSP): every long task of the main thread.
    await page.addInitScript(`window.__longTasks = []; new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });`);
    await page.goto(`${base}/?view=lineage&node=${hubId}&depth=20&max=${size}&group=${group}`);
    await page.locator('#graph[data-state="interactive"], #graph[data-state="ready"]').waitFor({ timeout: 120_000 });
    // Sampled when the page is seen interactive (a poll later, so a little over).
    const mainThreadCpuMs = (await metric('ThreadTime')) - cpuBefore;
    await page.locator('#graph[data-state="ready"]').waitFor({ timeout: 120_000 });
    const pageTasksMs = (await busy()) - busyBefore;
    // Strings, not functions: tsx names inner functions with a helper the page does not have.
    const figures = (await page.evaluate(`({
      interactiveMs: (performance.getEntriesByName('graph-interactive').at(-1) ?? performance.getEntriesByName('graph-ready').at(-1)).startTime,
      readyMs: performance.getEntriesByName('graph-ready').at(-1).startTime,
      relayoutMs: performance.getEntriesByName('cy-relayout').at(-1)?.duration ?? 0,
      answerMs: performance.getEntriesByName('lineage-answer').at(-1).startTime,
      layoutMs: window.dctxTimings.layoutMs,
      renderMs: window.dctxTimings.renderMs,
      addMs: performance.getEntriesByName('cy-add').at(-1).duration,
      frameMs: performance.getEntriesByName('cy-frame').at(-1).duration,
      drawn: window.dctxGraph.nodes().length,
      addStartMs: performance.getEntriesByName('cy-add').at(-1).startTime,
      graphql: performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === '/graphql').map((e) => [e.startTime, e.requestStart, e.responseStart, e.responseEnd, e.transferSize, e.decodedBodySize]),
      scriptEndMs: performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.startsWith('/assets/index-') && e.name.endsWith('.js'))?.responseEnd ?? NaN,
      domContentLoadedMs: performance.getEntriesByType('navigation')[0].domContentLoadedEventStart,
      client: (() => {
        const m = (name) => performance.getEntriesByName(name).at(-1);
        const parsed = m('graphql Lineage');
        return parsed ? {
          answerParsedAtMs: parsed.startTime + parsed.duration,
          lineageGraphMs: m('lineage-graph').duration,
          lineagePictureMs: m('lineage-picture').duration,
          drawEffectAtMs: m('graph-draw').startTime,
          rendererMadeMs: m('cy-made').duration,
          layoutInputMs: m('cy-layout-input').duration,
          levelColumnsMs: m('cy-level-columns')?.duration ?? 0,
          elementsMs: m('cy-elements').duration,
        } : null;
      })(),
      settledMs: (() => {
        let settled = (performance.getEntriesByName('graph-interactive').at(-1) ?? performance.getEntriesByName('graph-ready').at(-1)).startTime;
        for (const [start, duration] of window.__longTasks.slice().sort((a, b) => a[0] - b[0])) {
          if (start + duration <= settled) continue;
          if (start >= settled + 500) break;
          settled = start + duration;
        }
        return settled;
      })(),
    })`)) as Navigation & { addStartMs: number; graphql: number[][] };
    // The page's own measures of its steps between the answer and Cytoscape's add (absent in builds before them).
    if (figures.client) for (const [key, value] of Object.entries(figures.client)) (figures as unknown as Record<string, number>)[`client.${key}`] = value;
    // The lineage answer is the page's largest /graphql answer (the header's is a node's fields).
    const requests = figures.graphql.slice().sort((a, b) => b[5]! - a[5]!);
    const [sent, requestStart, responseStart, responseEnd, transfer, decoded] = requests[0]!;
    Object.assign(figures, { lineageSentMs: sent, lineageRequestStartMs: requestStart, lineageResponseStartMs: responseStart, lineageResponseEndMs: responseEnd, lineageTransferBytes: transfer, lineageDecodedBytes: decoded });
    figures.otherGraphqlMs = requests.slice(1).map((r) => [Math.round(r[0]!), Math.round(r[3]!)]);
    figures.answerToMarkMs = figures.answerMs - responseEnd!;
    figures.markToAddStartMs = figures.addStartMs - figures.answerMs;
    figures.pageTasksMs = pageTasksMs;
    figures.mainThreadCpuMs = mainThreadCpuMs;
    figures.loadAverage = loadavg()[0]!;
    await context.close();
    return figures;
  };

  for (const size of SIZES) {
    const runs: Navigation[] = [];
    for (let i = 0; i < REPEATS; i++) runs.push(await navigate(size, 'none'));
    // With a few runs the minimum and every sample say more than percentiles.
    const pick = (key: keyof Navigation) => {
      const samples = runs.map((r) => r[key] as number);
      return { ...summarize(samples), min: Math.min(...samples), samples: samples.map((v) => Math.round(v)) };
    };
    results[`nodes${size}`] = { drawn: runs[0]!.drawn, navigationToInteractiveMs: pick('interactiveMs'), navigationToSettledMs: pick('settledMs'), mainThreadCpuToInteractiveMs: pick('mainThreadCpuMs'), navigationToLaidOutMs: pick('readyMs'), relayoutMs: pick('relayoutMs'), pageTasksMs: pick('pageTasksMs'), graphqlAnswerAtMs: pick('answerMs'), elkLayoutMs: pick('layoutMs'), cytoscapeRenderMs: pick('renderMs'), cytoscapeAddMs: pick('addMs'), cytoscapeFirstFrameMs: pick('frameMs'), loadAverage: pick('loadAverage'),
      beforeTheAnswer: { lineageSentAtMs: pick('lineageSentMs'), requestStartAtMs: pick('lineageRequestStartMs'), responseStartAtMs: pick('lineageResponseStartMs'), responseEndAtMs: pick('lineageResponseEndMs'), transferBytes: pick('lineageTransferBytes'), decodedBytes: pick('lineageDecodedBytes'), otherGraphqlSentAndAnsweredMs: runs.map((r) => r.otherGraphqlMs), scriptReceivedAtMs: pick('scriptEndMs'), domContentLoadedAtMs: pick('domContentLoadedMs') },
      answerToAdd: {
        responseEndToAnswerMarkMs: pick('answerToMarkMs'),
        answerMarkToAddStartMs: pick('markToAddStartMs'),
        ...(runs[0]!.client ? Object.fromEntries(Object.keys(runs[0]!.client).map((key) => [key, pick(`client.${key}` as keyof Navigation)])) : {}),
      } };
    console.log(`explorer bench: ${size} nodes`, JSON.stringify(results[`nodes${size}`]));
  }
  const grouped = await navigate(5000, 'auto');
  results.nodes5000Grouped = grouped;
  console.log('explorer bench: 5000 nodes, auto grouping', JSON.stringify(grouped));

  if (!SIZES.includes(5000)) {
    await browser.close();
    await stop();
    return results;
  }
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
  await stop();
  return results;
}
