import { afterAll, beforeAll, expect, it } from 'vitest';
import { isDemoLoaded, loadDemo, WAREHOUSE_NAMESPACE, type DemoLoadResult } from '../../demo/loadDemo.js';
import { features, REDEFINED_FEATURE } from '../../demo/platform/features.js';
import { models, RETRAINED_MODEL } from '../../demo/platform/models.js';
import { RETIRED_RULE, rules } from '../../demo/platform/rules.js';
import { services } from '../../demo/platform/services.js';
import { DROPPED_TABLE, STEPS } from '../../demo/platform/steps.js';
import { nodeId } from '../../graph-model/ids.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../support/engines.js';
import { findUpstream } from './upstream.js';

const FINAL = STEPS.length;
const asset = (namespace: string, name: string) => nodeId('ASSET', namespace, name);

describeEachEngine('the demo platform', (engine) => {
  // One load for the whole file: the tests only read, except the reload test, which must change nothing.
  let database: TestDatabase;
  let store: GraphStore;
  let result: DemoLoadResult;
  let loadSeconds: number;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    store = await database.open();
    const started = Date.now();
    result = await loadDemo(store);
    loadSeconds = (Date.now() - started) / 1000;
  }, 120_000);
  afterAll(async () => database?.dispose());

  it('loads every step and the metrics without an ingest error, well under a minute', async () => {
    expect(result.loaded).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.sources).toEqual([`sql:${WAREHOUSE_NAMESPACE}:payfraud`, 'risk:payfraud', 'flink:risk-prod', 'metrics:payfraud_daily.csv']);
    expect(result.versions.length).toBeGreaterThanOrEqual(STEPS.length);
    expect(loadSeconds).toBeLessThan(60);
    expect(await isDemoLoaded(store)).toBe(true);
    expect(await store.ingestErrors()).toEqual([]);
  });

  it('has at least 100 features, 3 models, 50 rules and 2 services, with the kinds the catalog gives them', async () => {
    const expected: [string, string, string[]][] = [
      ['risk.features', 'FEATURE', features(FINAL).map((f) => f.name)],
      ['risk.models', 'MODEL', models(FINAL).map((m) => m.name)],
      ['risk.rules', 'RULE', rules(FINAL).map((r) => r.name)],
      ['risk.services', 'SERVICE', services(rules(FINAL)).map((s) => s.name)],
    ];
    const minimum: Record<string, number> = { FEATURE: 100, MODEL: 3, RULE: 50, SERVICE: 2 };
    for (const [namespace, kind, names] of expected) {
      expect(names.length).toBeGreaterThanOrEqual(minimum[kind]!);
      const nodes = await store.nodes(names.map((name) => asset(namespace, name)));
      expect(nodes.map((n) => n.name).sort()).toEqual([...names].sort());
      expect(new Set(nodes.map((n) => n.kind))).toEqual(new Set([kind]));
    }
  });

  it('keeps the history: the redefined feature, the dropped table, the retired rule, the retrained model', async () => {
    const feature = asset('risk.features', REDEFINED_FEATURE);
    const featureHistory = await store.history(feature);
    expect(featureHistory.length).toBeGreaterThanOrEqual(2);
    const [created, redefined] = featureHistory;
    expect((await store.node(feature, created!.version))?.definition.properties?.freshness).toBe('1d');
    expect((await store.node(feature, redefined!.version))?.definition.properties?.freshness).toBe('5m');
    // The pipeline's inputs moved from the wide table to the stream.
    const pipeline = nodeId('COMPUTATION', 'risk.features', `${REDEFINED_FEATURE}.pipeline`);
    const readsAt = async (version?: number) => (await store.nodes((await store.edges(pipeline, { direction: 'in', asOf: version })).map((e) => e.from), version)).map((n) => n.name).sort();
    expect(await readsAt(created!.version)).toEqual(['ads.ads_user_risk_wide']);
    expect(await readsAt()).toEqual(['dwd.dwd_refund_di', 'payments.transactions']);

    const table = asset(WAREHOUSE_NAMESPACE, DROPPED_TABLE);
    const tableHistory = await store.history(table);
    expect(tableHistory.map((h) => h.change)).toEqual(['CREATED', 'DELETED']);
    expect(await store.node(table)).toBeNull();
    expect(await store.node(table, tableHistory[0]!.version)).not.toBeNull();

    const rule = asset('risk.rules', RETIRED_RULE);
    const ruleHistory = await store.history(rule);
    expect(ruleHistory.map((h) => h.change)).toEqual(['CREATED', 'UPDATED']);
    expect((await store.node(rule, ruleHistory[0]!.version))?.definition.properties?.status).toBe('active');
    expect((await store.node(rule))?.definition.properties?.status).toBe('retired');

    const model = asset('risk.models', RETRAINED_MODEL);
    const modelHistory = await store.history(model);
    expect(modelHistory.length).toBeGreaterThanOrEqual(2);
    expect((await store.node(model, modelHistory[0]!.version))?.definition.properties?.version).toBe('3.0');
    expect((await store.node(model))?.definition.properties?.version).toBe('3.1');
    const training = nodeId('COMPUTATION', 'risk.models', `${RETRAINED_MODEL}.training`);
    const trainedOn = async (version?: number) => (await store.nodes((await store.edges(training, { direction: 'in', asOf: version })).map((e) => e.from), version)).map((n) => n.name);
    expect(await trainedOn(modelHistory[0]!.version)).toContain('risk.fraud_training_set_2025q1');
    expect(await trainedOn()).toContain('risk.fraud_training_set_2025q2');
    expect(await trainedOn()).not.toContain('risk.fraud_training_set_2025q1');
  });

  it('lets every active rule reach a table or a stream upstream', { timeout: 120_000 }, async () => {
    const unreached: string[] = [];
    for (const rule of rules(FINAL).filter((r) => r.status !== 'retired')) {
      const source = await findUpstream(store, asset('risk.rules', rule.name), (n) => n.type === 'ASSET' && (n.kind === 'TABLE' || n.kind === 'STREAM'));
      if (source === null) unreached.push(rule.name);
    }
    expect(unreached).toEqual([]);
  });

  it('resolves every feature a rule references, or reports it as a dangling ingest error', async () => {
    const errors = await store.ingestErrors({ source: 'risk:payfraud' });
    const missing: string[] = [];
    for (const rule of rules(FINAL)) {
      const node = await store.node(asset('risk.rules', rule.name));
      const text = (node?.definition.code as { text?: string } | undefined)?.text ?? '';
      for (const [, name] of text.matchAll(/feature\('([^']+)'\)/g)) {
        if (await store.node(asset('risk.features', name!))) continue;
        if (!errors.some((e) => e.message.includes(`feature('${name}')`))) missing.push(`${rule.name} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has 14 days of traffic for a rule, and compute cost for its features', async () => {
    const rule = asset('risk.rules', 'pay_model_high_score');
    const window = { from: '2025-06-01', to: '2025-06-15' };
    const evaluations = await store.metrics(rule, { ...window, metric: 'rule.evaluations' });
    const hits = await store.metrics(rule, { ...window, metric: 'rule.hits' });
    expect(evaluations).toHaveLength(14);
    expect(hits).toHaveLength(14);
    expect(hits.every((h, i) => h.value > 0 && h.value < evaluations[i]!.value)).toBe(true);
    const cost = await store.metricTotals({ ...window, metric: 'cost.compute' });
    expect(cost.get(nodeId('COMPUTATION', 'risk.features', `${REDEFINED_FEATURE}.pipeline`))).toBeGreaterThan(0);
    const storage = await store.metricTotals({ ...window, metric: 'cost.storage' });
    expect(storage.get(asset(WAREHOUSE_NAMESPACE, 'ads.ads_user_risk_wide'))).toBeGreaterThan(0);
    // The retired rule stopped being evaluated half-way.
    expect(await store.metrics(asset('risk.rules', RETIRED_RULE), { ...window, metric: 'rule.evaluations' })).toHaveLength(7);
  });

  it('tags PII on event fields and on the raw tables', async () => {
    const tags = await store.tags(asset('risk.services', 'payment.event'));
    expect(tags.filter((t) => t.key === 'pii').map((t) => `${t.field}=${t.value}`).sort()).toEqual(['card_number=card_number', 'ip=ip', 'phone=phone']);
    const profile = await store.tags(asset(WAREHOUSE_NAMESPACE, 'ods.ods_user_profile'));
    expect(profile.filter((t) => t.key === 'pii').map((t) => t.value).sort()).toEqual(['email', 'id_card', 'name', 'phone']);
  });

  it('changes nothing when loaded again', async () => {
    const version = await store.currentVersion();
    const again = await loadDemo(store);
    expect(again).toMatchObject({ loaded: false, versions: [] });
    expect(await store.currentVersion()).toBe(version);
  });
});
