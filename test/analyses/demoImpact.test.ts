import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDemo } from '../../demo/loadDemo.js';
import { impactOf, type ImpactReport } from '../../graph-model/analyses/impact.js';
import { UnknownReferenceError } from '../../graph-model/analyses/unknownFields.js';
import { nodeId } from '../../graph-model/ids.js';
import type { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../support/engines.js';
import { data, gql, startGraphQL, type RunningService } from '../server/graphql/graphqlClient.js';

/**
 * Impact on the demo platform, with every expected answer read off the demo's files
 * (demo/steps/5-model-retrained/payfraud/), not off the code's output.
 */
const asset = (namespace: string, name: string) => nodeId('ASSET', namespace, name);
const WIDE = asset('hive://warehouse', 'ads.ads_user_risk_wide');
const MERCHANT_WIDE = asset('hive://warehouse', 'ads.ads_merchant_risk_wide');
const feature = (name: string) => asset('risk.features', name);
const rule = (name: string) => asset('risk.rules', name);
const PAYMENT = asset('risk.services', 'payment_decision');
const PAYMENT_CALL = nodeId('COMPUTATION', 'risk.services', 'payment_decision.decide');

const named = (nodes: { kind: string; name: string }[], kind: string) => nodes.filter((n) => n.kind === kind).map((n) => n.name).sort();
const all = (report: ImpactReport) => [...report.broken, ...report.degraded];

describeEachEngine('impact on the demo platform', (engine) => {
  let database: TestDatabase;
  let store: GraphStore;
  let service: RunningService;
  let index: GraphIndex;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    store = await database.open();
    await loadDemo(store);
    service = await startGraphQL(store);
    index = service.index;
  }, 180_000);
  afterAll(async () => {
    await service?.close();
    await database?.dispose();
  });

  it('dropping kyc_level breaks user_kyc_level and the rules that read it, and not the features reading other columns', () => {
    const report = impactOf(index, { mode: 'SCHEMA_CHANGE', fields: [{ id: WIDE, field: 'kyc_level' }] });
    // features/user.yaml: of the 10 features whose sql reads ads.ads_user_risk_wide, only user_kyc_level selects kyc_level.
    expect(named(report.broken, 'FEATURE')).toEqual(['user_kyc_level']);
    const kyc = report.broken.find((n) => n.id === feature('user_kyc_level'))!;
    expect(kyc).toMatchObject({ reason: 'ALL_PRODUCERS_BROKEN', assumesFieldUsage: false });
    expect(report.broken.find((n) => n.name === 'user_kyc_level.pipeline')).toMatchObject({ reason: 'READS_REMOVED_FIELD', decidedBy: WIDE, inputSemantics: 'REQUIRED' });
    for (const other of ['user_txn_amt_avg_30d', 'user_txn_cnt_30d', 'user_account_age_days']) expect(all(report).map((n) => n.id)).not.toContain(feature(other));
    // rules/withdrawal.yaml: wd_aml_large_kyc_low and wd_kyc_rooted_device read feature('user_kyc_level').
    for (const name of ['wd_aml_large_kyc_low', 'wd_kyc_rooted_device']) {
      expect(report.broken.find((n) => n.id === rule(name))).toMatchObject({ status: 'BROKEN', reason: 'ALL_PRODUCERS_BROKEN', assumesFieldUsage: false });
      expect(report.broken.find((n) => n.name === `${name}.evaluation`)).toMatchObject({ reason: 'READS_BROKEN', decidedBy: feature('user_kyc_level'), inputSemantics: 'REQUIRED' });
    }
    // models.yaml: aml_graph_v1 and withdrawal_xgb_v1 take user_kyc_level as an input (required by default).
    expect(named(report.broken, 'INFERENCE')).toEqual(['aml_graph_v1.inference', 'withdrawal_xgb_v1.inference']);
    // Their training reads the wide table as a training table, which declares no columns: assumed, and counted.
    const assumed = all(report).filter((n) => n.assumesFieldUsage);
    expect(named(assumed, 'TRAINING')).toEqual(['aml_graph_v1.training', 'ato_lr_v2.training', 'withdrawal_xgb_v1.training']);
    expect(report.summary.assumingFieldUsage).toBe(assumed.length);
    expect(report.summary.text).toContain(`${assumed.length} of them on unknown field usage`);
    // A rule is one of ~30 a service runs: the withdrawal service decides without two of them, worse.
    expect(report.degraded.find((n) => n.name === 'withdrawal_decision')).toMatchObject({ kind: 'SERVICE', reason: 'PRODUCER_DEGRADED' });
    expect(named(report.broken, 'SERVICE')).toEqual([]);
  });

  it('breaking 8 of the 30 rules of payment_decision leaves the service DEGRADED, saying which rule decided it', () => {
    // services.yaml, payment_decision: the velocity rule set (6) and the first two amount rules.
    const eight = ['pay_velocity_user_burst_1h', 'pay_velocity_user_amount_24h', 'pay_velocity_card_burst_1h', 'pay_velocity_card_testing', 'pay_velocity_ip_users_1h', 'pay_velocity_device_cards_24h', 'pay_amount_spike', 'pay_amount_new_account_large'];
    const report = impactOf(index, { mode: 'DELETE', ids: eight.map(rule) });
    expect(report.broken).toEqual([]);
    const call = report.degraded.find((n) => n.id === PAYMENT_CALL)!;
    expect(call).toMatchObject({ reason: 'READS_OPTIONAL_BROKEN', inputSemantics: 'OPTIONAL', distance: 1 });
    expect(eight.map(rule)).toContain(call.decidedBy);
    expect(report.degraded.find((n) => n.id === PAYMENT)).toMatchObject({ status: 'DEGRADED', reason: 'PRODUCER_DEGRADED', decidedBy: PAYMENT_CALL });
  });

  it('reports the retired rule apart: not broken, and not degrading its service', () => {
    // features/merchant.yaml: only merchant_mcc selects mcc; rules/payment.yaml: only the retired pay_merchant_legacy_mcc_block reads it.
    const report = impactOf(index, { mode: 'SCHEMA_CHANGE', fields: [{ id: MERCHANT_WIDE, field: 'mcc' }] });
    expect(named(report.broken, 'FEATURE')).toEqual(['merchant_mcc']);
    expect(named(all(report), 'RULE')).toEqual([]);
    expect(named(report.inactive, 'RULE')).toEqual(['pay_merchant_legacy_mcc_block']);
    expect(named(report.inactive, 'RULE_EVALUATION')).toEqual(['pay_merchant_legacy_mcc_block.evaluation']);
    expect(all(report).map((n) => n.id)).not.toContain(PAYMENT);
    expect(report.summary.inactive).toBe(2);
    expect(report.summary.byKind.some((k) => k.kind === 'RULE')).toBe(false);
  });

  it('refuses a column the table does not have, naming it, in the library and over GraphQL', async () => {
    expect(() => impactOf(index, { mode: 'SCHEMA_CHANGE', fields: [{ id: WIDE, field: 'no_such_column' }] })).toThrow(UnknownReferenceError);
    const query = `query($fields: [FieldRefInput!]) { impact(mode: SCHEMA_CHANGE, fields: $fields) { summary } }`;
    const answer = await gql(service.base, query, { fields: [{ id: WIDE, field: 'no_such_column' }] });
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', unknown: [`${WIDE}#no_such_column`] });
    expect(answer.body.errors[0].message).toContain(`${WIDE}#no_such_column`);
    const fine = await data(
      service.base,
      `query($fields: [FieldRefInput!]) { impact(mode: SCHEMA_CHANGE, fields: $fields) { assumingFieldUsage broken { node { id } reason decidedBy inputSemantics assumesFieldUsage } inactive { node { id } } } }`,
      { fields: [{ id: WIDE, field: 'kyc_level' }] },
    );
    expect(fine.impact.broken).toContainEqual({ node: { id: rule('wd_kyc_rooted_device') }, reason: 'ALL_PRODUCERS_BROKEN', decidedBy: nodeId('COMPUTATION', 'risk.rules', 'wd_kyc_rooted_device.evaluation'), inputSemantics: null, assumesFieldUsage: false });
    expect(fine.impact.assumingFieldUsage).toBeGreaterThan(0);
  });

  it("history says what values changed from and to, and shows a feature's reads moving from a table to a stream", async () => {
    // steps/1 → 2: user_txn_amt_avg_30d reads payments.transactions and dwd.dwd_refund_di instead of the wide table, freshness 1d → 5m.
    const history = await store.history(feature('user_txn_amt_avg_30d'));
    const redefined = history.find((h) => h.change === 'UPDATED')!;
    expect(redefined.values).toContainEqual({ path: 'properties.freshness', from: '"1d"', to: '"5m"' });
    const pipeline = nodeId('COMPUTATION', 'risk.features', 'user_txn_amt_avg_30d.pipeline');
    const reads = redefined.edges.filter((e) => e.to.id === pipeline).map((e) => `${e.change} ${e.from.name}`).sort();
    expect(reads).toEqual(['ADDED dwd.dwd_refund_di', 'ADDED payments.transactions', 'REMOVED ads.ads_user_risk_wide']);
    // steps/4: the rule's status goes from active to retired.
    const ruleHistory = (await data(service.base, `query($id: ID!) { history(id: $id) { change values { path from to } } }`, { id: rule('pay_merchant_legacy_mcc_block') })).history;
    expect(ruleHistory.find((h: { change: string }) => h.change === 'UPDATED').values).toContainEqual({ path: 'properties.status', from: '"active"', to: '"retired"' });
  });
});

