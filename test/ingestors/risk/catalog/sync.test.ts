import { afterEach, beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../../graph-model/store/graphStore.js';
import { riskCatalogIngestor, riskCatalogSourceId } from '../../../../ingestors/risk/index.js';
import { runIngestor } from '../../../../ingestors/runIngestor.js';
import { describeEachEngine, useStore } from '../../../support/engines.js';
import { assetId, computationId, fixtureDirectory, scratchCatalog } from './riskCatalogFixtures.js';

/** Removes one item (from its `  - name: <name>` line to the next item or the end of its list) from a catalog file. */
function withoutItem(text: string, name: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf(`  - name: ${name}`);
  if (start < 0) throw new Error(`no item ${name}`);
  let end = start + 1;
  while (end < lines.length && lines[end]!.startsWith('    ')) end++;
  while (end < lines.length && lines[end]!.trim() === '') end++;
  return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
}

describeEachEngine('risk catalog: full sync of a directory', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  let scratch: ReturnType<typeof scratchCatalog> | undefined;
  beforeEach(() => {
    store = shared.store();
  });
  afterEach(() => {
    scratch?.dispose();
    scratch = undefined;
  });

  it('commits one full changeset of source risk:<directory basename>, reporting progress per item', async () => {
    expect(riskCatalogSourceId({ directory: `${fixtureDirectory('basic')}/` })).toBe('risk:basic');
    const progress: [number, number][] = [];
    const report = await runIngestor(store, riskCatalogIngestor(), { directory: fixtureDirectory('basic') }, { progress: (done, total) => progress.push([done, total]) });
    expect(report).toMatchObject({ source: 'risk:basic', versions: [1] });
    expect(await store.changeset(1)).toMatchObject({ source: 'risk:basic', mode: 'full' });
    // 6 features, 1 model, 6 rules, 2 services.
    expect(progress).toEqual(Array.from({ length: 15 }, (_, i) => [i + 1, 15]));
  });

  it('creates no new version when the same directory is ingested again', async () => {
    const first = await runIngestor(store, riskCatalogIngestor(), { directory: fixtureDirectory('basic') });
    const second = await runIngestor(store, riskCatalogIngestor(), { directory: fixtureDirectory('basic') });
    expect(first.versions).toEqual([1]);
    expect(second.versions).toEqual([]);
    expect(second.results).toEqual([expect.objectContaining({ version: 1, changed: false })]);
    // The same errors are reported again: the input still has them.
    expect(second.errors).toEqual(first.errors);
    expect(await store.currentVersion()).toBe(1);
  });

  it('retracts a deleted rule at the latest version and still shows it as of the version before', async () => {
    scratch = scratchCatalog('basic', 'basic');
    const first = await runIngestor(store, riskCatalogIngestor(), { directory: scratch.directory });
    expect(first.versions).toEqual([1]);
    scratch.write('rules.yaml', withoutItem(scratch.read('rules.yaml'), 'gbdt_high_score'));
    scratch.write('services.yaml', scratch.read('services.yaml').replace('          - gbdt_high_score\n', ''));
    const second = await runIngestor(store, riskCatalogIngestor(), { directory: scratch.directory });
    expect(second.versions).toEqual([2]);
    expect(second.results[0]!.stats).toMatchObject({ nodesDeleted: 2, nodesCreated: 0 });

    const rule = assetId('risk.rules', 'gbdt_high_score');
    const evaluation = computationId('risk.rules', 'gbdt_high_score.evaluation');
    expect(await store.node(rule)).toBeNull();
    expect(await store.node(evaluation)).toBeNull();
    expect(await store.edges(evaluation)).toEqual([]);
    expect(await store.node(rule, 1)).toMatchObject({ kind: 'RULE', toVersion: 2 });
    expect((await store.edges(evaluation, { asOf: 1 })).map((edge) => edge.kind).sort()).toEqual(['READS', 'READS', 'WRITES']);
    // The model the rule read is still there: only what the rule itself asserted ends.
    expect(await store.node(assetId('risk.models', 'fraud_gbdt_v3'))).not.toBeNull();
  });

  it('a rule kept in a rule set after its deletion becomes a dangling rule-set member', async () => {
    scratch = scratchCatalog('basic', 'basic');
    await runIngestor(store, riskCatalogIngestor(), { directory: scratch.directory });
    scratch.write('rules.yaml', withoutItem(scratch.read('rules.yaml'), 'large_amount_velocity'));
    const report = await runIngestor(store, riskCatalogIngestor(), { directory: scratch.directory });
    expect(report.versions).toEqual([2]);
    expect(report.errors.map((e) => e.message)).toContain(
      "service risk.services/payment_decision: dangling reference rule('large_amount_velocity'): risk.rules/large_amount_velocity is neither declared in this catalog nor asserted by another source",
    );
    expect((await store.node(assetId('risk.services', 'payment_decision')))!.definition.properties).toMatchObject({
      danglingReferences: ["rule('large_amount_velocity')"],
    });
  });

  it('leaves a source table to the source that declares it, and takes it over when that source drops it', async () => {
    await store.apply({ source: 'postgres:dw', mode: 'full', assets: [{ namespace: 'hive://warehouse', name: 'dw.device_registry', kind: 'TABLE', definition: { description: 'Device registry' } }] });
    await runIngestor(store, riskCatalogIngestor(), { directory: fixtureDirectory('basic') });
    const table = assetId('hive://warehouse', 'dw.device_registry');
    expect((await store.claims([table])).map((claim) => claim.source)).toEqual(['postgres:dw']);
    expect((await store.node(table))!.definition).toEqual({ description: 'Device registry' });

    await store.apply({ source: 'postgres:dw', mode: 'full' });
    const report = await runIngestor(store, riskCatalogIngestor(), { directory: fixtureDirectory('basic') });
    expect(report.versions).toHaveLength(1);
    expect((await store.claims([table])).map((claim) => claim.source)).toEqual(['risk:basic']);
    expect((await store.edges(computationId('risk.features', 'device_age_days.pipeline'))).map((edge) => edge.from)).toContain(table);
  });
});
