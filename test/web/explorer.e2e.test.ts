import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../demo/loadDemo.js';
import { GraphStore } from '../../graph-model/store/graphStore.js';
import { parseTokens } from '../../server/auth/parseTokens.js';
import { AlertService } from '../../server/alerts/alertService.js';
import { DEMO_NOW } from '../../demo/platform/writerRuns.js';
import { TokenRegistry } from '../../server/auth/tokenRegistry.js';
import { startGraphQL, type RunningService } from '../server/graphql/graphqlClient.js';
import { browserUnavailable, launchChromium } from '../support/browser.js';
import { drawnGraph, seriousAxeViolations, tapNode, watchPageProblems, type DrawnNode } from '../support/explorerPage.js';

const skip = browserUnavailable();
if (skip) console.warn(skip);

/** README screenshots are rewritten only on request (their slider shows commit times, which differ per run). */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';

const SECRET_READ = 'explorer-read-0123456789';
const SECRET_INGEST = 'explorer-ingest-0123456789';

describe.skipIf(skip !== null)('the explorer in Chromium, on the demo', () => {
  let store: GraphStore;
  let service: RunningService;
  let secured: RunningService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(`${service.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data: T; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data;
  }
  const assetId = async (namespace: string, name: string, asOf?: number): Promise<string> => (await gql(`query($n: String!, $m: String!, $a: AsOf) { asset(namespace: $n, name: $m, asOf: $a) { id } }`, { n: namespace, m: name, a: asOf ?? null })).asset.id;
  const open = async (query: string) => {
    await page.goto(`${service.base}/${query}`);
  };
  async function expectAccessible(what: string) {
    expect(await seriousAxeViolations(page), what).toEqual([]);
  }

  beforeAll(async () => {
    store = await GraphStore.open({ dataDir: 'memory' });
    await loadDemo(store);
    service = await startGraphQL(store);
    secured = await startGraphQL(store, { tokens: new TokenRegistry(parseTokens(`ui:read:${SECRET_READ},etl:ingest:${SECRET_INGEST}`)) });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    problems = watchPageProblems(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await secured?.close();
    await store?.close();
  });

  it('searches for a rule as you type, opens it with the keyboard, and shows its definition, features and upstream', async () => {
    await open('');
    await page.locator('#search-input').fill('user_burst');
    await page.locator('select').first().selectOption('RULE');
    await expect.poll(() => page.locator('#search-results [role=option]').allInnerTexts()).toEqual([expect.stringContaining('pay_velocity_user_burst_1h')]);
    expect(page.url()).toContain('q=user_burst+kind%3ARULE');
    // The kind is shown by an icon with its name.
    expect(await page.locator('#search-results [role=option] .kind-icon').getAttribute('aria-label')).toBe('RULE');
    await expectAccessible('search');

    await page.locator('#search-input').press('Enter');
    await expect.poll(() => page.locator('#node-title').innerText()).toContain('pay_velocity_user_burst_1h');
    const rule = await gql(`{ search(query: "pay_velocity_user_burst_1h", kinds: [RULE]) { nodes { id } } }`);
    const ruleId: string = rule.search.nodes[0].id;
    expect(page.url()).toContain(`node=${ruleId}`);
    // The definition, highlighted: a rule expression with the feature it reads.
    await expect.poll(() => page.locator('.code code').innerText()).toBe("feature('user_txn_cnt_1h') > 10 and event.amount > 50");
    expect(await page.locator('.code code .hljs-built_in').first().innerText()).toBe('feature');
    // Traffic as charts: the rule's evaluations are there.
    await expect.poll(() => page.locator('.metric-chart figcaption').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('rule.evaluations')]));
    await expectAccessible('node page');

    await page.getByRole('link', { name: 'Features at decision time' }).click();
    const expected = await gql(`query($id: ID!) { featuresForRule(id: $id) { direct { id name } transitive { id } } }`, { id: ruleId });
    await expect.poll(() => page.locator('.direct-features li').allInnerTexts()).toEqual(expected.featuresForRule.direct.map((f: { name: string }) => expect.stringContaining(f.name)));
    const drawn = await drawnGraph(page);
    // Its upstream graph holds every feature it reads, drawn as assets, and the rule itself as the root.
    for (const feature of expected.featuresForRule.direct) expect(drawn.nodes.find((n) => n.id === feature.id)?.classes).toContain('asset');
    expect(drawn.nodes.find((n) => n.id === ruleId)?.classes).toContain('root');
    await expectAccessible('rule view');

    // A rule that reads a model's score: the model's input features, as the API precomputes them.
    const scored = (await gql(`{ search(query: "pay_model_high_score", kinds: [RULE]) { nodes { id } } }`)).search.nodes[0].id;
    const through = await gql(`query($id: ID!) { featuresForRule(id: $id) { models { id name inputs { id } } transitive { id } } }`, { id: scored });
    expect(through.featuresForRule.models.length).toBeGreaterThan(0);
    await open(`?view=rule&node=${scored}`);
    const dataIds = (selector: string) => page.locator(selector).evaluateAll((items) => items.map((li) => (li as unknown as { dataset: { id: string } }).dataset.id));
    await expect.poll(() => page.locator('.features h3').allInnerTexts()).toEqual(expect.arrayContaining(through.featuresForRule.models.map((m: any) => `Through model ${m.name} (${m.inputs.length})`)));
    expect(await dataIds('.model-features li')).toEqual(through.featuresForRule.models.flatMap((m: any) => m.inputs.map((f: any) => f.id)));
    expect(await dataIds('.transitive-features li')).toEqual(through.featuresForRule.transitive.map((f: any) => f.id));
    // The model is drawn upstream of the rule.
    const upstream = await drawnGraph(page);
    for (const model of through.featuresForRule.models) expect(upstream.nodes.some((n) => n.id === model.id), model.name).toBe(true);
  });

  it('searches by tag and owner words as well, moves through the results with the arrow keys, and never cuts the list silently', async () => {
    await open('');
    const input = page.locator('#search-input');
    const names = () => page.locator('#search-results [role=option] .name').allInnerTexts();
    await input.fill('tag:pii=card_number');
    const byTag = await gql(`{ search(query: "", tags: ["pii=card_number"]) { nodes { name } } }`);
    expect(byTag.search.nodes.length).toBeGreaterThan(1);
    await expect.poll(names).toEqual(byTag.search.nodes.map((n: { name: string }) => n.name));
    expect(page.url()).toContain('q=tag%3Apii%3Dcard_number');

    await input.fill('burst owner:team-fraud-rules kind:RULE');
    const byOwner = await gql(`{ search(query: "burst", owner: "team-fraud-rules", kinds: [RULE]) { nodes { id name } } }`);
    expect(byOwner.search.nodes.length).toBeGreaterThan(2);
    await expect.poll(names).toEqual(byOwner.search.nodes.map((n: { name: string }) => n.name));
    // Down, down, up: the second result is the active one, for the eye and for a screen reader.
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowUp']) await input.press(key);
    expect(await page.locator('#search-results [aria-selected=true] .name').innerText()).toBe(byOwner.search.nodes[1].name);
    expect(await input.getAttribute('aria-activedescendant')).toBe('result-1');
    await input.press('Enter');
    await expect.poll(() => page.locator('#node-title').innerText()).toContain(byOwner.search.nodes[1].name);
    expect(page.url()).toContain(`node=${byOwner.search.nodes[1].id}`);

    // More matches than the first page: the count says how many are shown, and the rest come on request.
    await open('?q=card');
    const card = await gql(`{ search(query: "card", first: 500) { totalCount nodes { name } } }`);
    expect(card.search.totalCount).toBeGreaterThan(30);
    await expect.poll(() => page.locator('.result-count').innerText()).toBe(`${card.search.totalCount} nodes, the first 30 shown`);
    expect(await names()).toEqual(card.search.nodes.slice(0, 30).map((n: { name: string }) => n.name));
    await page.locator('.more-results').click();
    await expect.poll(names).toEqual(card.search.nodes.slice(0, 120).map((n: { name: string }) => n.name));
    if (card.search.totalCount <= 120) {
      expect(await page.locator('.result-count').innerText()).toBe(`${card.search.totalCount} nodes`);
      expect(await page.locator('.more-results').count()).toBe(0);
    }
  });

  it('shows on the node page what changed between any two versions, and the page as of a past version', async () => {
    // Step 2 moved user_txn_amt_avg_30d's pipeline from the wide table to the payment stream (demo/README.md).
    const pipeline = (await gql(`{ search(query: "user_txn_amt_avg_30d.pipeline") { nodes { id } } }`)).search.nodes[0].id;
    const history = await gql(`query($id: ID!) { history(id: $id) { version } }`, { id: pipeline });
    const versions = history.history.map((h: { version: number }) => h.version);
    expect(versions.length).toBeGreaterThan(1);
    const reads = async (asOf: number) => (await gql(`query($id: ID!, $a: AsOf) { node(id: $id, asOf: $a) { ... on Computation { inputs { nodes { name } } } } }`, { id: pipeline, a: asOf })).node.inputs.nodes.map((n: { name: string }) => n.name);
    const [first, last] = [versions[0], versions.at(-1)];
    const before = await reads(first);
    const after = await reads(last);
    await open(`?view=node&node=${pipeline}`);
    await expect.poll(() => page.locator('.version-diff select[name=diff-from] option').allInnerTexts()).toEqual(versions.map((v: number) => `v${v}`));
    await page.locator('select[name=diff-from]').selectOption(String(first));
    await page.locator('select[name=diff-to]').selectOption(String(last));
    const line = (cls: string) => page.locator(`.diff .${cls}`).allInnerTexts().then((parts) => parts.join('').split('\n').filter(Boolean));
    // What it read before and no longer reads is removed, what it reads now is added; the same reads stay unmarked.
    await expect.poll(() => line('diff-removed')).toEqual(expect.arrayContaining(before.filter((n: string) => !after.includes(n)).map((n: string) => expect.stringMatching(new RegExp(`^- reads \\S+ ${n.replace('.', '\\.')}$`)))));
    expect(await line('diff-added')).toEqual(expect.arrayContaining(after.filter((n: string) => !before.includes(n)).map((n: string) => expect.stringMatching(new RegExp(`^\\+ reads \\S+ ${n.replace('.', '\\.')}$`)))));
    for (const name of before.filter((n: string) => after.includes(n))) expect((await line('diff-same')).some((l) => l.endsWith(` ${name}`))).toBe(true);
    await expectAccessible('node page with a diff');

    // Fields with their tags, and the masking of the transformation that makes them.
    const dwd = await assetId('hive://warehouse', 'dwd.dwd_payment_txn_di');
    const made = await gql(`query($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 2, fieldLevel: true) { fieldEdges { output { id field } masking } } }`, { id: dwd });
    const maskedFields = [...new Set(made.lineage.fieldEdges.filter((e: any) => e.output.id === dwd && e.masking).map((e: any) => e.output.field))].sort();
    expect(maskedFields).toContain('card_hash');
    await open(`?view=node&node=${dwd}`);
    await expect.poll(() => page.locator('table.fields tbody tr').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('table.fields tbody tr:has(.masked) td:first-child').allInnerTexts().then((l) => l.sort())).toEqual(maskedFields);
    const card = await assetId('hive://warehouse', 'ods.ods_card_info');
    const tagged = await gql(`query($id: ID!) { node(id: $id) { ... on Asset { fields { name tags { key value } } } } }`, { id: card });
    await open(`?view=node&node=${card}`);
    for (const field of tagged.node.fields) {
      await expect.poll(() => page.locator(`table.fields tr[data-field="${field.name}"] td:nth-child(3) .tag`).allInnerTexts()).toEqual(field.tags.map((t: any) => `${t.key}=${t.value}`));
    }
    expect(tagged.node.fields.some((f: any) => f.tags.length > 0)).toBe(true);

    // The table step 3 dropped: gone at the latest version, there again on the page as of version 3.
    const legacy = await assetId('hive://warehouse', 'ads.ads_merchant_risk_wide_legacy', 3);
    await open(`?view=node&node=${legacy}`);
    await expect.poll(() => page.locator('main').innerText()).toContain('does not exist at the latest version');
    await page.locator('#time-slider-input').fill('3');
    await expect.poll(() => page.url()).toContain('asOf=3');
    await expect.poll(() => page.locator('#node-title').innerText()).toContain('ads.ads_merchant_risk_wide_legacy');
    const fields = await gql(`query($id: ID!) { node(id: $id, asOf: 3) { ... on Asset { fields { name } } } }`, { id: legacy });
    expect(fields.node.fields.length).toBeGreaterThan(0);
    expect(await page.locator('table.fields tbody tr td:first-child').allInnerTexts()).toEqual(fields.node.fields.map((f: { name: string }) => f.name));
  });

  it("draws a warehouse table's downstream as the API answers it, expands and collapses a node without moving the rest", async () => {
    const table = await assetId('hive://warehouse', 'ods.ods_card_info');
    await open(`?view=lineage&node=${table}&depth=2`);
    const lineage = await gql(`query($id: ID!) { lineage(id: $id, depth: 2) { nodes { id __typename } edges { from to kind } } }`, { id: table });
    let drawn = await drawnGraph(page);
    expect(drawn.nodes.map((n) => n.id).sort()).toEqual(lineage.lineage.nodes.map((n: { id: string }) => n.id).sort());
    expect(drawn.edges.map((e) => `${e.source}>${e.target}`).sort()).toEqual(lineage.lineage.edges.map((e: { from: string; to: string }) => `${e.from}>${e.to}`).sort());
    // Assets and computations look different; READS and WRITES too.
    for (const node of lineage.lineage.nodes) expect(drawn.nodes.find((n) => n.id === node.id)!.classes).toContain(node.__typename === 'Asset' ? 'asset' : 'computation');
    for (const edge of lineage.lineage.edges) expect(drawn.edges.find((e) => e.source === edge.from && e.target === edge.to)!.classes).toContain(edge.kind);
    await expectAccessible('lineage');
    if (SCREENSHOTS) {
      const shot = await context.newPage();
      await shot.goto(`${service.base}/?view=lineage&node=${table}&depth=5`);
      await drawnGraph(shot);
      await shot.screenshot({ path: 'docs/images/explorer-lineage.png' });
      await shot.close();
    }

    // Expand (+) a node at the edge of the walk: its next hops are added, nothing already drawn moves.
    const frontier = drawn.nodes.find((n) => n.classes.includes('expandable'))!;
    expect(frontier).toBeDefined();
    const before = new Map(drawn.nodes.map((n) => [n.id, n]));
    const further = await gql(`query($id: ID!) { lineage(id: $id, depth: 2) { nodes { id } } }`, { id: frontier.id });
    await tapNode(page, frontier.id);
    await page.getByRole('button', { name: '+ Expand' }).click();
    await expect.poll(async () => (await drawnGraph(page)).nodes.length).toBeGreaterThan(drawn.nodes.length);
    drawn = await drawnGraph(page);
    for (const id of further.lineage.nodes.map((n: { id: string }) => n.id)) expect(drawn.nodes.some((n) => n.id === id), id).toBe(true);
    for (const node of drawn.nodes.filter((n) => before.has(n.id))) expect([node.x, node.y], node.label).toEqual([before.get(node.id)!.x, before.get(node.id)!.y]);

    // Collapse (−) it again: what only it reached goes, the rest stays where it was.
    const expandedCount = drawn.nodes.length;
    await page.getByRole('button', { name: '− Collapse' }).click();
    await expect.poll(async () => (await drawnGraph(page)).nodes.length).toBeLessThan(expandedCount);
    const collapsed = await drawnGraph(page);
    expect(collapsed.nodes.map((n) => n.label).sort(), `collapsed ${frontier.label}`).toEqual([...before.values()].map((n) => n.label).sort());
    for (const node of collapsed.nodes) expect([node.x, node.y]).toEqual([before.get(node.id)!.x, before.get(node.id)!.y]);

    // Every view is a URL: the depth control writes it, and the URL opens the same picture.
    await page.locator('input[name=depth]').fill('4');
    await page.locator('input[name=depth]').press('Enter');
    await expect.poll(() => page.url()).toContain('depth=4');
    const deeper = (await drawnGraph(page)).nodes.map((n) => n.id).sort();
    const again = await context.newPage();
    await again.goto(page.url());
    expect((await drawnGraph(again)).nodes.map((n) => n.id).sort()).toEqual(deeper);
    await again.close();

    // Up, down or both: the direction control redraws the walk as the API answers it that way.
    const middle = await assetId('hive://warehouse', 'dwd.dwd_payment_txn_di');
    await open(`?view=lineage&node=${middle}&depth=2`);
    for (const [dir, param] of [['BOTH', 'dir=BOTH'], ['UPSTREAM', 'dir=UPSTREAM']] as const) {
      await page.locator(`input[name=dir][value=${dir}]`).check();
      await expect.poll(() => page.url()).toContain(param);
      const walk = await gql(`query($id: ID!, $d: Direction!) { lineage(id: $id, direction: $d, depth: 2) { nodes { id } } }`, { id: middle, d: dir });
      await expect.poll(async () => (await drawnGraph(page)).nodes.map((n) => n.id).sort()).toEqual(walk.lineage.nodes.map((n: { id: string }) => n.id).sort());
    }
    const down = await gql(`query($id: ID!) { lineage(id: $id, depth: 2) { nodes { id } } }`, { id: middle });
    const up = (await drawnGraph(page)).nodes.map((n) => n.id);
    // Upstream and downstream share only the node itself: the two directions really differ.
    expect(up.filter((id) => down.lineage.nodes.some((n: { id: string }) => n.id === id))).toEqual([middle]);
  });

  it('places what expanding two nodes adds beside them, over nothing already drawn, and moves nothing drawn', async () => {
    const table = await assetId('hive://warehouse', 'ods.ods_card_info');
    await open(`?view=lineage&node=${table}&depth=2`);
    let drawn = await drawnGraph(page);
    const separate = (a: DrawnNode['box'], b: DrawnNode['box']) => a.x2 <= b.x1 || b.x2 <= a.x1 || a.y2 <= b.y1 || b.y2 <= a.y1;
    const overlapping = (nodes: DrawnNode[]) => {
      const top = nodes.filter((n) => n.parent === null);
      const pairs: string[] = [];
      for (let i = 0; i < top.length; i++) for (let j = i + 1; j < top.length; j++) if (!separate(top[i]!.box, top[j]!.box)) pairs.push(`${top[i]!.label} / ${top[j]!.label}`);
      return pairs;
    };
    expect(overlapping(drawn.nodes)).toEqual([]);
    // Two nodes at the walk's edge whose own next hops are not drawn yet: each expansion adds some.
    const frontier: DrawnNode[] = [];
    for (const node of drawn.nodes.filter((n) => n.classes.includes('expandable'))) {
      const further = await gql(`query($id: ID!) { lineage(id: $id, depth: 2) { nodes { id } } }`, { id: node.id });
      if (further.lineage.nodes.some((n: { id: string }) => !drawn.nodes.some((d) => d.id === n.id))) frontier.push(node);
      if (frontier.length === 2) break;
    }
    expect(frontier.length).toBe(2);
    for (const node of frontier) {
      const before = new Map(drawn.nodes.map((n) => [n.id, n]));
      await tapNode(page, node.id);
      await page.getByRole('button', { name: '+ Expand' }).click();
      await expect.poll(async () => (await drawnGraph(page)).nodes.length).toBeGreaterThan(before.size);
      drawn = await drawnGraph(page);
      // Every node drawn before is where it was; no two boxes overlap, old or new.
      for (const old of drawn.nodes.filter((n) => before.has(n.id))) expect([old.x, old.y], old.label).toEqual([before.get(old.id)!.x, before.get(old.id)!.y]);
      expect(overlapping(drawn.nodes), `after expanding ${node.label}`).toEqual([]);
    }
  });

  it("follows a field's whole path at field level, across every hop, with transformation and masking on its edges", async () => {
    const table = await assetId('hive://warehouse', 'ods.ods_card_info');
    await open(`?view=lineage&node=${table}&level=field&field=card_no&dir=BOTH`);
    const answer = await gql(`query($id: ID!) { lineage(id: $id, direction: BOTH, depth: 20, fieldLevel: true, fields: ["card_no"]) { fieldEdges { input { id field } output { id field } masking transformationType subtype } } }`, { id: table });
    await expect.poll(() => page.locator('.field-path').innerText()).toContain('card_no');
    const drawn = await drawnGraph(page);
    const highlighted = drawn.nodes.filter((n) => n.classes.includes('highlight') && n.parent !== null).map((n) => `${n.parent}#${n.label}`);
    // The field itself, the column it becomes downstream, and that column's consumers beyond: more than one hop.
    const first = answer.lineage.fieldEdges.filter((e: any) => e.input.id === table && e.input.field === 'card_no' && e.output.field);
    expect(first.length).toBeGreaterThan(0);
    expect(highlighted).toContain(`${table}#card_no`);
    for (const edge of first) expect(highlighted).toContain(`${edge.output.id}#${edge.output.field}`);
    const second = answer.lineage.fieldEdges.filter((e: any) => first.some((f: any) => f.output.id === e.input.id && f.output.field === e.input.field) && e.output.field);
    expect(second.length).toBeGreaterThan(0);
    for (const edge of second) expect(highlighted).toContain(`${edge.output.id}#${edge.output.field}`);
    // The edge out of card_no is labelled with its transformation; a masking one says so.
    const out = drawn.edges.filter((e) => e.classes.includes('field-edge') && e.source === `field:${table}#card_no`);
    expect(out.map((e) => e.label)).toEqual(expect.arrayContaining(first.map((e: any) => expect.stringContaining(e.transformationType))));
    const masked = answer.lineage.fieldEdges.filter((e: any) => e.masking && highlighted.includes(`${e.input.id}#${e.input.field}`) && e.output.field);
    for (const edge of masked) {
      const drawnEdge = drawn.edges.find((e) => e.source === `field:${edge.input.id}#${edge.input.field}` && e.target === `field:${edge.output.id}#${edge.output.field}`)!;
      expect(drawnEdge.classes).toContain('masking');
      expect(drawnEdge.label).toContain('masked');
    }
    // Fields off the path are not highlighted.
    expect(drawn.nodes.filter((n) => n.parent !== null && !n.classes.includes('highlight'))).toEqual([]);
    await expectAccessible('field level');

    // At asset level, any asset opens into its fields, drawn inside it; picking one follows its path.
    const dim = await assetId('hive://warehouse', 'dim.dim_card');
    const dimFields = (await gql(`query($id: ID!) { node(id: $id) { ... on Asset { fields { name } } } }`, { id: dim })).node.fields.map((f: { name: string }) => f.name);
    await open(`?view=lineage&node=${table}&depth=2`);
    await drawnGraph(page);
    await tapNode(page, dim);
    await page.getByRole('button', { name: 'Show fields' }).click();
    await expect.poll(async () => (await drawnGraph(page)).nodes.filter((n) => n.parent === dim).map((n) => n.label)).toEqual(dimFields);
    await page.getByRole('button', { name: `Follow ${dimFields[0]}`, exact: true }).click();
    await expect.poll(() => page.url()).toContain(`field=${encodeURIComponent(`${dim}#${dimFields[0]}`)}`);
    await expect.poll(async () => (await drawnGraph(page)).nodes.filter((n) => n.classes.includes('highlight') && n.parent === dim).map((n) => n.label)).toEqual([dimFields[0]]);
  });

  it('brings back the table dropped in step 3 when the time slider moves before it, and marks it removed since', async () => {
    const source = await assetId('hive://warehouse', 'dws.dws_merchant_txn_1d');
    const legacy = await assetId('hive://warehouse', 'ads.ads_merchant_risk_wide_legacy', 3);
    await open(`?view=lineage&node=${source}&depth=2`);
    let drawn = await drawnGraph(page);
    expect(drawn.nodes.some((n) => n.id === legacy)).toBe(false);
    // Step 3 is graph version 4 (demo/README.md): version 3 is just before it.
    const changes = await gql(`{ changes(since: 0) { version source actor } }`);
    const slider = page.locator('#time-slider-input');
    await expect.poll(() => slider.getAttribute('max')).toBe(String(changes.changes.at(-1).version));
    await slider.fill('3');
    await expect.poll(() => page.url()).toContain('asOf=3');
    // The changeset of that version: its source and its actor.
    const third = changes.changes.find((c: any) => c.version === 3);
    await expect.poll(() => page.locator('.time-slider-label').innerText()).toContain(third.source);
    expect(await page.locator('.time-slider-label').innerText()).toContain(`by ${third.actor}`);
    await expect.poll(async () => (await drawnGraph(page)).nodes.some((n) => n.id === legacy)).toBe(true);
    drawn = await drawnGraph(page);
    expect(drawn.nodes.find((n) => n.id === legacy)!.classes).toContain('removed-since');
    await expect.poll(() => page.locator('.since-latest').innerText()).toContain('ads.ads_merchant_risk_wide_legacy');
    // Step 3 removed the legacy table and the script that wrote it (41_ads_merchant_risk_legacy.sql):
    // both are marked on the graph, with every edge to or from them; nothing else drawn was removed.
    const writers = await gql(`query($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 1, asOf: 3) { nodes { id __typename } } }`, { id: legacy });
    const writer = writers.lineage.nodes.find((n: { __typename: string }) => n.__typename === 'Computation').id;
    expect(drawn.nodes.filter((n) => n.classes.includes('removed-since')).map((n) => n.id).sort()).toEqual([legacy, writer].sort());
    const touching = drawn.edges.filter((e) => [legacy, writer].includes(e.source) || [legacy, writer].includes(e.target));
    expect(touching.length).toBeGreaterThan(0);
    for (const edge of touching) expect(edge.classes, edge.id).toContain('removed-since');
    expect(drawn.edges.filter((e) => e.classes.includes('removed-since')).length).toBe(touching.length);
    // Nothing in this walk was added after version 3.
    expect(drawn.nodes.filter((n) => n.classes.includes('added-since'))).toEqual([]);
    await expectAccessible('time travel');

    // What step 5 added is drawn as of version 3 too, as ghosts: risk.fraud_labels feeds the new
    // Q2 training set (51_fraud_training_set_2025q2.sql) beside the Q1 one, which stays unmarked.
    const labels = await assetId('hive://warehouse', 'risk.fraud_labels');
    const q2 = await assetId('hive://warehouse', 'risk.fraud_training_set_2025q2');
    const q1 = await assetId('hive://warehouse', 'risk.fraud_training_set_2025q1');
    const q2Writers = await gql(`query($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 1) { nodes { id __typename } } }`, { id: q2 });
    const q2Writer = q2Writers.lineage.nodes.find((n: { __typename: string }) => n.__typename === 'Computation').id;
    await open(`?view=lineage&node=${labels}&depth=2&asOf=3`);
    drawn = await drawnGraph(page);
    expect(drawn.nodes.filter((n) => n.classes.includes('added-since')).map((n) => n.id).sort()).toEqual([q2, q2Writer].sort());
    expect(drawn.nodes.find((n) => n.id === q1)!.classes).not.toContain('added-since');
    const intoQ2 = drawn.edges.filter((e) => e.target === q2Writer || e.target === q2);
    expect(intoQ2.map((e) => `${e.source}>${e.target}`)).toEqual(expect.arrayContaining([`${labels}>${q2Writer}`, `${q2Writer}>${q2}`]));
    for (const edge of intoQ2) expect(edge.classes, edge.id).toContain('added-since');
    await expect.poll(() => page.locator('.since-latest').innerText()).toContain('risk.fraud_training_set_2025q2');
    await expectAccessible('time travel, added since');
  });

  it('colours what deleting a widely used table breaks and degrades as the API says, with reasons, evidence and CSV', async () => {
    const table = await assetId('hive://warehouse', 'ods.ods_card_info');
    await open(`?view=impact&targets=${table}`);
    const expected = await gql(`query($ids: [ID!]!) { impact(ids: $ids, mode: DELETE, first: 500) { summary broken { node { id name } reason path } degraded { node { id } } } }`, { ids: [table] });
    await expect.poll(() => page.locator('[data-testid=impact-summary]').innerText()).toBe(expected.impact.summary);
    expect(expected.impact.summary).toMatch(/rules broken/);
    const drawn = await drawnGraph(page);
    const withClass = (name: string) => drawn.nodes.filter((n) => n.classes.includes(name)).map((n) => n.id).sort();
    expect(withClass('broken')).toEqual(expected.impact.broken.map((n: any) => n.node.id).sort());
    expect(withClass('degraded')).toEqual(expected.impact.degraded.map((n: any) => n.node.id).sort());
    expect(withClass('impact-root')).toEqual([table]);
    await expectAccessible('impact');

    // A broken node's reason and evidence path, on click.
    const far = [...expected.impact.broken].sort((a: any, b: any) => b.path.length - a.path.length)[0];
    await tapNode(page, far.node.id);
    const panel = page.locator('.panel .selected');
    await expect.poll(() => panel.getAttribute('data-id')).toBe(far.node.id);
    expect(await panel.innerText()).toContain(far.reason);
    expect(await panel.locator('.evidence li').count()).toBe(far.path.length);
    const onPath = (await drawnGraph(page)).nodes.filter((n) => n.classes.includes('highlight')).map((n) => n.id).sort();
    expect(onPath).toEqual([...far.path].sort());

    // The list exports as CSV: one row per impacted node.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
    expect(csv[0]).toMatch(/^status,kind,namespace,name,id,reason/);
    expect(csv.length - 1).toBe(expected.impact.broken.length + expected.impact.degraded.length);
    if (SCREENSHOTS) {
      await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
      await page.screenshot({ path: 'docs/images/explorer-impact.png' });
    }
  });

  it('runs the impact of a schema change of one field and of a cut-off as the API answers them, and as of a past version', async () => {
    const table = await assetId('hive://warehouse', 'ods.ods_card_info');
    const check = async (variables: Record<string, unknown>) =>
      (await gql(`query($ids: [ID!]!, $mode: ImpactMode!, $fields: [FieldRefInput!], $a: AsOf) { impact(ids: $ids, mode: $mode, fields: $fields, asOf: $a, first: 500) { summary broken { node { id } } degraded { node { id } } } }`, variables)).impact;
    const coloured = async () => {
      const drawn = await drawnGraph(page);
      const withClass = (name: string) => drawn.nodes.filter((n) => n.classes.includes(name)).map((n) => n.id).sort();
      return { broken: withClass('broken'), degraded: withClass('degraded') };
    };
    const ids = (list: { node: { id: string } }[]) => list.map((n) => n.node.id).sort();

    // SCHEMA_CHANGE of card_type: only what reads that column, fewer than deleting the table.
    const schema = await check({ ids: [], mode: 'SCHEMA_CHANGE', fields: [{ id: table, field: 'card_type' }] });
    const deleted = await check({ ids: [table], mode: 'DELETE' });
    expect(schema.broken.length).toBeGreaterThan(0);
    expect(schema.broken.length).toBeLessThan(deleted.broken.length);
    // Chosen on the page: the table by name, the mode, then one of its fields.
    await open('?view=impact');
    await page.locator('input[name=pick]').fill('ods_card_info');
    await page.locator(`.pick-results button[data-id="${table}"]`).click();
    await page.locator('input[name=mode][value=SCHEMA_CHANGE]').check();
    await page.getByLabel('Fields of').selectOption(table);
    expect(await page.getByLabel('Fields of').locator(`option[value="${table}"]`).innerText()).toBe('ods.ods_card_info (hive://warehouse)');
    await page.locator('.field-chooser').getByRole('button', { name: 'card_type', exact: true }).click();
    await expect.poll(() => page.url()).toContain(`targets=${encodeURIComponent(`${table}#card_type`)}`);
    await expect.poll(() => page.locator('[data-testid=impact-summary]').innerText()).toBe(schema.summary);
    // The URL opens the same check.
    await open(`?view=impact&mode=SCHEMA_CHANGE&targets=${encodeURIComponent(`${table}#card_type`)}`);
    await expect.poll(() => page.locator('[data-testid=impact-summary]').innerText()).toBe(schema.summary);
    expect(await page.locator('.chip .field-name').allInnerTexts()).toEqual(['#card_type']);
    expect(await coloured()).toEqual({ broken: ids(schema.broken), degraded: ids(schema.degraded) });

    // The mode is a choice on the page (and in the URL): CUTOFF of the whole table.
    await open(`?view=impact&targets=${table}`);
    await expect.poll(() => page.locator('[data-testid=impact-summary]').innerText()).toBe(deleted.summary);
    await page.locator('input[name=mode][value=CUTOFF]').check();
    await expect.poll(() => page.url()).toContain('mode=CUTOFF');
    const cutoff = await check({ ids: [table], mode: 'CUTOFF' });
    await expect.poll(() => page.locator('[data-testid=impact-summary]').innerText()).toBe(cutoff.summary);
    expect(await coloured()).toEqual({ broken: ids(cutoff.broken), degraded: ids(cutoff.degraded) });

    // As of version 3, deleting the merchant daily table still breaks the legacy wide table step 3 dropped.
    const daily = await assetId('hive://warehouse', 'dws.dws_merchant_txn_1d');
    const legacy = await assetId('hive://warehouse', 'ads.ads_merchant_risk_wide_legacy', 3);
    const then = await check({ ids: [daily], mode: 'DELETE', a: 3 });
    const now = await check({ ids: [daily], mode: 'DELETE' });
    expect(ids(then.broken)).toContain(legacy);
    expect(ids(now.broken)).not.toContain(legacy);
    await open(`?view=impact&targets=${daily}&asOf=3`);
    await expect.poll(() => page.locator('[data-testid=impact-summary]').innerText()).toBe(then.summary);
    expect((await coloured()).broken).toEqual(ids(then.broken));
  });

  it('groups a large lineage by kind with counts, says when the API cut the walk, and loads more', async () => {
    const table = await assetId('hive://warehouse', 'ods.ods_card_info');
    const all = await gql(`query($id: ID!) { lineage(id: $id, depth: 20) { truncated nodes { id kind } } }`, { id: table });
    expect(all.lineage.truncated).toBe(false);
    await open(`?view=lineage&node=${table}&depth=20&group=kind`);
    let drawn = await drawnGraph(page);
    // Every kind with more than one node is one group that says how many it holds; the root and
    // kinds of one node are drawn as nodes; nothing is left out.
    const byKind = new Map<string, string[]>();
    for (const node of all.lineage.nodes) if (node.id !== table) byKind.set(node.kind, [...(byKind.get(node.kind) ?? []), node.id]);
    const groups = drawn.nodes.filter((n) => n.classes.includes('group'));
    expect(groups.map((g) => g.label).sort()).toEqual([...byKind].filter(([, members]) => members.length > 1).map(([kind, members]) => `${members.length} ${kind}`).sort());
    const single = drawn.nodes.filter((n) => !n.classes.includes('group')).map((n) => n.id).sort();
    expect(single).toEqual([table, ...[...byKind.values()].filter((m) => m.length === 1).flat()].sort());
    const grouped = [...byKind.values()].filter((m) => m.length > 1).reduce((sum, m) => sum + m.length, 0);
    await expect.poll(() => page.locator('.lineage-summary').innerText()).toContain(`${all.lineage.nodes.length} nodes`);
    expect(await page.locator('.lineage-summary').innerText()).toContain(`${grouped} of them gathered in groups`);
    // Opening a group draws its members.
    const rules = byKind.get('RULE')!;
    await tapNode(page, 'group:K|RULE');
    await page.getByRole('button', { name: 'Open the group' }).click();
    await expect.poll(async () => (await drawnGraph(page)).nodes.filter((n) => rules.includes(n.id)).length).toBe(rules.length);
    drawn = await drawnGraph(page);
    expect(drawn.nodes.some((n) => n.id === 'group:K|RULE')).toBe(false);
    await expectAccessible('grouped lineage');

    // A walk the API cuts: the page says so, draws exactly what came, and loads more on request.
    const cut = async (max: number) => (await gql(`query($id: ID!, $m: Int) { lineage(id: $id, depth: 20, maxNodes: $m) { truncated truncatedReason nodes { id } } }`, { id: table, m: max })).lineage;
    const first = await cut(20);
    expect(first.truncated).toBe(true);
    await open(`?view=lineage&node=${table}&depth=20&max=20`);
    drawn = await drawnGraph(page);
    expect(drawn.nodes.map((n) => n.id).sort()).toEqual(first.nodes.map((n: { id: string }) => n.id).sort());
    const notice = page.locator('.truncated');
    expect(await notice.innerText()).toContain(`Truncated (${first.truncatedReason}): the lineage goes on past 20 nodes`);
    await notice.getByRole('button', { name: /Load more/ }).click();
    await expect.poll(() => page.url()).toContain('max=50');
    const more = await cut(50);
    await expect.poll(async () => (await drawnGraph(page)).nodes.map((n) => n.id).sort()).toEqual(more.nodes.map((n: { id: string }) => n.id).sort());
    if (!more.truncated) expect(await page.locator('.truncated').count()).toBe(0);
  });

  it('runs the compliance audit against a policy, with evidence paths and the version that reproduces it', async () => {
    const policy = readFileSync('demo/policy.yaml', 'utf8');
    await open('?view=audit');
    await page.locator('#policy-text').fill(policy);
    await page.getByRole('button', { name: 'Run the audit' }).click();
    const expected = await gql(`query($p: String!) { audit(policy: $p) { version summary violations { consumer { id } origins { path { id } } } } }`, { p: policy });
    expect(expected.audit.violations.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid=audit-summary]').innerText()).toBe(expected.audit.summary);
    expect(await page.locator('[data-testid=audit-version]').innerText()).toBe(String(expected.audit.version));
    expect(await page.locator('table.violations tbody tr').count()).toBe(expected.audit.violations.length);
    await page.locator('table.violations tbody tr button').first().click();
    const evidence = page.locator('.evidence-panel');
    await expect.poll(() => evidence.getAttribute('data-consumer')).toBe(expected.audit.violations[0].consumer.id);
    await expect.poll(() => evidence.locator('.evidence li').count()).toBe(expected.audit.violations[0].origins.reduce((sum: number, o: any) => sum + o.path.length, 0));
    await expectAccessible('audit');
  });

  it('shows cost attribution per rule, model and service with a chart, and decommission candidates', async () => {
    await open('?view=cost');
    const expected = await gql(`{ costAttribution(first: 200) { totalCost attributed { node { id kind } attributedCost } } decommissionCandidates(first: 100) { candidates { node { id } savings } } }`);
    await expect.poll(() => page.locator('table.cost-table tbody tr').count()).toBe(expected.costAttribution.attributed.length);
    const ids = (rows: string) => page.locator(rows).evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: { id: string } }).dataset.id));
    const amounts = (cells: string) => page.locator(cells).allInnerTexts().then((texts) => texts.map((t) => Number(t.replace(/,/g, ''))));
    const cents = (values: number[]) => values.map((v) => Math.round(v * 100) / 100);
    // Most expensive first, each with the cost the API attributes to it; the decommission candidates with their savings.
    expect(await ids('table.cost-table tbody tr')).toEqual(expected.costAttribution.attributed.map((r: any) => r.node.id));
    expect(cents(await amounts('table.cost-table tbody td:nth-child(5)'))).toEqual(cents(expected.costAttribution.attributed.map((r: any) => r.attributedCost)));
    expect(expected.decommissionCandidates.candidates.length).toBeGreaterThan(0);
    expect(await ids('table.decommission-table tbody tr')).toEqual(expected.decommissionCandidates.candidates.map((c: any) => c.node.id));
    expect(cents(await amounts('table.decommission-table tbody td:nth-child(5)'))).toEqual(cents(expected.decommissionCandidates.candidates.map((c: any) => c.savings)));
    expect(await page.locator('.bar-chart canvas').count()).toBeGreaterThan(0);
    // Per kind: the rules alone.
    await page.locator('select[name=kind]').selectOption('RULE');
    await expect.poll(() => ids('table.cost-table tbody tr')).toEqual(expected.costAttribution.attributed.filter((r: any) => r.node.kind === 'RULE').map((r: any) => r.node.id));
    await expectAccessible('cost');
  });

  it("lists a job's runs on its node page as the engine reported them", async () => {
    // The demo records no runs: an engine reports one over OpenLineage, on datasets of its own so
    // that nothing the other tests draw changes.
    const runId = '0b0e2e00-0000-4000-8000-00000000e2e1';
    const event = (eventType: string, eventTime: string) => ({
      eventType,
      eventTime,
      producer: 'https://example.test/explorer-e2e',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/RunEvent',
      run: { runId },
      job: { namespace: 'e2e', name: 'nightly_export' },
      inputs: [{ namespace: 'file://e2e', name: 'in.csv' }],
      outputs: [{ namespace: 'file://e2e', name: 'out.parquet' }],
    });
    const sent = await fetch(`${service.base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([event('START', '2026-06-14T01:00:00Z'), event('COMPLETE', '2026-06-14T01:07:00Z')]) });
    expect(sent.status).toBeLessThan(300);
    const job = (await gql(`{ search(query: "nightly_export") { nodes { id ... on Computation { runs { nodes { runId state startedAt endedAt } } } } } }`)).search.nodes[0];
    expect(job.runs.nodes).toEqual([{ runId, state: 'COMPLETE', startedAt: '2026-06-14T01:00:00.000Z', endedAt: '2026-06-14T01:07:00.000Z' }]);
    await open(`?view=node&node=${job.id}`);
    const runs = page.locator('section:has(> h2:text-is("Runs (1)")) tbody tr');
    await expect.poll(() => runs.count()).toBe(1);
    expect(await runs.locator('td').allInnerTexts()).toEqual([runId, 'nightly_export', 'COMPLETE', job.runs.nodes[0].startedAt, job.runs.nodes[0].endedAt, '']);
  });

  it('lists an open alert with its cause and the rules it reaches, as the API answers them', async () => {
    await open('?view=alerts');
    await expect.poll(() => page.locator('[data-testid=open-alerts]').innerText()).toBe('0');
    // An incident on the payments stream opens one alert (docs/alerts.md). The engine's clock is the
    // end of the demo's history: on the wall clock the ODS tables its writers stopped filling are late.
    const alerts = await AlertService.start({ store, index: service.index, endpoints: [], intervalMs: 0, now: () => DEMO_NOW });
    try {
      await alerts.incidents.open({ node: { type: 'ASSET', namespace: 'kafka://risk-prod', name: 'payments.transactions' }, severity: 'HIGH', note: 'consumer lag 40 min', actor: 'oncall' });
      await alerts.engine.settled();
      await alerts.engine.evaluate();
    } finally {
      await alerts.close();
    }
    const answer = await gql(`{ alerts(status: OPEN) { id summary severity causes { key nodeId } reached { id kind status path } } }`);
    expect(answer.alerts).toHaveLength(1);
    const [alert] = answer.alerts;
    const rules = alert.reached.filter((n: { kind: string }) => n.kind === 'RULE');
    expect(rules.length).toBeGreaterThan(0);
    await page.reload();
    await expect.poll(() => page.locator('[data-testid=open-alerts]').innerText()).toBe('1');
    const card = page.locator(`article.alert[data-id="${alert.id}"]`);
    expect(await card.locator('h3').innerText()).toBe(`${alert.severity} ${alert.summary}`);
    expect(await card.locator('.causes li').evaluateAll((items) => items.map((li) => (li as unknown as { dataset: { key: string } }).dataset.key))).toEqual(alert.causes.map((c: { key: string }) => c.key));
    const rows = card.locator('table.reached-rules tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: { id: string } }).dataset.id))).toEqual(rules.map((r: { id: string }) => r.id));
    expect(await rows.locator('td:first-child').allInnerTexts()).toEqual(rules.map((r: { status: string }) => r.status));
    // Each rule's evidence path, hop by hop, from the stream.
    expect((await rows.first().locator('td.path').innerText()).split(' → ').length).toBe(rules[0].path.length);
    // A reached rule's page says an open alert reaches it.
    await card.locator('table.reached-rules tbody tr a').first().click();
    await expect.poll(() => page.locator('.node-alerts li').evaluateAll((items) => items.map((li) => (li as unknown as { dataset: { id: string } }).dataset.id))).toEqual([alert.id]);
    expect(await page.locator('.node-alerts li').innerText()).toBe(`${alert.severity} · ${alert.summary}`);
    await page.goBack();
    // The cut-off impact check of the cause is one link away.
    await card.getByRole('link', { name: /impact check of a cut-off/ }).click();
    await expect.poll(() => page.url()).toContain(`targets=${alert.causes[0].nodeId}`);
    expect(page.url()).toContain('mode=CUTOFF');
    await expectAccessible('impact from an alert');
    await page.goBack();
    await expectAccessible('alerts');
  });

  it('asks for a token once when the server wants one, keeps it for the tab only, and shows 401 and 403 as such', async () => {
    const tab = await context.newPage();
    await tab.goto(`${secured.base}/?q=card`);
    await tab.locator('.token-dialog').waitFor();
    expect(await tab.locator('[role=alert]').first().innerText()).toContain('401');
    await tab.locator('input[name=token]').fill(SECRET_INGEST);
    await tab.getByRole('button', { name: 'Use token' }).click();
    // A token without the read scope: 403, named as such.
    await expect.poll(() => tab.locator('[role=alert]').first().innerText()).toContain('403 Forbidden');
    await tab.getByRole('button', { name: 'Forget token' }).click();
    await tab.locator('.token-dialog').waitFor();
    await tab.locator('input[name=token]').fill(SECRET_READ);
    await tab.getByRole('button', { name: 'Use token' }).click();
    await expect.poll(() => tab.locator('.result-count').innerText()).toMatch(/^\d+ nodes/);
    expect(await tab.evaluate(() => ({ session: (globalThis as any).sessionStorage.getItem('dctx.token'), local: (globalThis as any).localStorage.length, cookie: (globalThis as any).document.cookie }))).toEqual({ session: SECRET_READ, local: 0, cookie: '' });
    // A reload in the same tab does not ask again.
    await tab.reload();
    await expect.poll(() => tab.locator('.result-count').innerText()).toMatch(/^\d+ nodes/);
    expect(await tab.locator('.token-dialog').count()).toBe(0);
    await tab.close();
  });

  it('asks for a token on a lineage page whose walk leaves before the first render, then draws that walk', async () => {
    // max over 1,000, ungrouped: the page sends the walk before the app listens for refusals (main.tsx).
    const table = await assetId('hive://warehouse', 'ods.ods_card_info');
    const tab = await context.newPage();
    await tab.goto(`${secured.base}/?view=lineage&node=${table}&depth=2&max=5000&group=none`);
    await tab.locator('.token-dialog').waitFor();
    await tab.locator('input[name=token]').fill(SECRET_READ);
    await tab.getByRole('button', { name: 'Use token' }).click();
    await tab.locator('#graph[data-state="ready"]').waitFor();
    const lineage = await gql(`query($id: ID!) { lineage(id: $id, depth: 2) { nodes { id } } }`, { id: table });
    const drawn = await drawnGraph(tab);
    expect(drawn.nodes.map((n) => n.id).sort()).toEqual(lineage.lineage.nodes.map((n: { id: string }) => n.id).sort());
    await tab.close();
  });

  it('met no CSP violation and no page error in any of it', () => {
    expect(problems).toEqual([]);
  });
});
