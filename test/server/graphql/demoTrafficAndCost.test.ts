import { beforeAll, expect, it } from 'vitest';
import { loadDemo, WAREHOUSE_NAMESPACE } from '../../../demo/loadDemo.js';
import { nodeId } from '../../../graph-model/ids.js';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { describeEachEngine } from '../../support/engines.js';
import { data, gql, refused, useLoadedService, type RunningService } from './graphqlClient.js';

/**
 * Issue 19 on the demo platform, with answers read off the demo's files by hand:
 * demo/metrics/payfraud_daily.csv (service.qps per day, feature lookups for every feature, the
 * retired rule evaluated on 2025-06-01..07 only) and the catalog of demo/steps/5-model-retrained.
 */
const WINDOW = { from: '2025-06-08', to: '2025-06-15' };
const asset = (namespace: string, name: string) => nodeId('ASSET', namespace, name);
const computation = (namespace: string, name: string) => nodeId('COMPUTATION', namespace, name);
const WIDE = asset(WAREHOUSE_NAMESPACE, 'ads.ads_user_risk_wide');

describeEachEngine('the demo: traffic, decommission, cost and dashboard lineage', (engine) => {
  const served = useLoadedService(engine, loadDemo);
  let store: GraphStore;
  let service: RunningService;
  beforeAll(() => {
    store = served.store();
    service = served.service();
  });

  it('shows a decision service its recorded service.qps in impact, as calls per day', async () => {
    const d = await data(
      service.base,
      `query($ids: [ID!]!, $from: String, $to: String) { impact(ids: $ids, from: $from, to: $to) { broken { node { id } traffic } degraded { node { id } traffic } } }`,
      { ids: [asset('risk.services', 'payment.event'), asset('risk.services', 'login.event')], ...WINDOW },
    );
    const traffic = new Map([...d.impact.broken, ...d.impact.degraded].map((n: { node: { id: string }; traffic: number | null }) => [n.node.id, n.traffic]));
    // payfraud_daily.csv, 2025-06-08..14: 31.94 on the two weekend days, 27.78 on the five others (login: 14.64, 12.73).
    expect(traffic.get(asset('risk.services', 'payment_decision'))).toBeCloseTo(((2 * 31.94 + 5 * 27.78) * 86_400) / 7, 3);
    expect(traffic.get(asset('risk.services', 'login_decision'))).toBeCloseTo(((2 * 14.64 + 5 * 12.73) * 86_400) / 7, 3);
  });

  it('proposes no model, service or looked-up feature for decommissioning, and pages the list', async () => {
    const query = `query($first: Int, $from: String, $to: String) { decommissionCandidates(first: $first, from: $from, to: $to) { totalCount truncated candidates { node { id kind } reason traffic } } }`;
    const all = (await data(service.base, query, { first: 50, ...WINDOW })).decommissionCandidates;
    // Models have no traffic metric in the demo (unknown), services have service.qps, every feature has lookups:
    // what remains is the training set fraud_gbdt_v3 no longer trains on (step 5) and the rule retired in step 4,
    // whose evaluations stop on 2025-06-07.
    expect(all.candidates.map((c: { node: { id: string }; reason: string; traffic: number | null }) => [c.node.id, c.reason, c.traffic]).sort()).toEqual(
      [
        [asset(WAREHOUSE_NAMESPACE, 'risk.fraud_training_set_2025q1'), 'NO_CONSUMER', null],
        [asset('risk.rules', 'pay_merchant_legacy_mcc_block'), 'ZERO_TRAFFIC', 0],
      ].sort(),
    );
    expect(all).toMatchObject({ totalCount: 2, truncated: false });
    const one = (await data(service.base, query, { first: 1, ...WINDOW })).decommissionCandidates;
    expect(one).toMatchObject({ totalCount: 2, truncated: true });
    expect(one.candidates).toHaveLength(1);
  });

  it('attributes the online stores to the rules that read them, and says why the rest is unattributed', async () => {
    const d = await data(
      service.base,
      `query($from: String, $to: String) { costAttribution(from: $from, to: $to, first: 500) { totalCost attributedTotal unattributedTotal attributed { node { id } } unattributed { node { id kind } reason } } }`,
      WINDOW,
    );
    const report = d.costAttribution;
    expect(report.attributedTotal + report.unattributedTotal).toBeCloseTo(report.totalCost, 6);
    // No online store is left holding cost: rules read their features from them.
    expect(report.unattributed.filter((t: { node: { kind: string } }) => t.node.kind === 'KV_TABLE')).toEqual([]);
    const reasons = new Map(report.unattributed.map((t: { node: { id: string }; reason: string }) => [t.node.id, t.reason]));
    expect(reasons.get(asset(WAREHOUSE_NAMESPACE, 'risk.fraud_training_set_2025q1'))).toBe('NO_CONSUMER');
    // Looked up every day (payfraud_daily.csv) but referenced by no rule or model of the catalog.
    expect(reasons.get(asset('risk.features', 'card_bin'))).toBe('USED_OUTSIDE_GRAPH');
    expect(report.unattributed.every((t: { reason: string | null }) => t.reason === 'NO_CONSUMER' || t.reason === 'USED_OUTSIDE_GRAPH')).toBe(true);
  });

  it('draws tables -> features -> rules from a wide table: edges collapsed through the pipelines and evaluations', async () => {
    const d = await data(
      service.base,
      `query($id: ID!, $kinds: [NodeKind!]) { lineage(id: $id, depth: 4, kinds: $kinds) { nodes { id kind } edges { from to } collapsedEdges { from to through } truncated } }`,
      { id: WIDE, kinds: ['TABLE', 'FEATURE', 'RULE'] },
    );
    const { nodes, edges, collapsedEdges, truncated } = d.lineage;
    expect(truncated).toBe(false);
    expect(edges).toEqual([]);
    const kyc = asset('risk.features', 'user_kyc_level');
    type Collapsed = { from: string; to: string; through: string[] };
    const collapsed: Collapsed[] = collapsedEdges.map((e: Collapsed) => ({ ...e, through: [...e.through].sort() }));
    // features/user.yaml: user_kyc_level reads ads.ads_user_risk_wide.
    expect(collapsed).toContainEqual({ from: WIDE, to: kyc, through: [computation('risk.features', 'user_kyc_level.pipeline')] });
    // rules/withdrawal.yaml: two rules read it; models.yaml: it is an input of aml_graph_v1 and withdrawal_xgb_v1
    // (both trained on the wide table, so within 4 hops), whose scores three rules read.
    const direct = (rule: string): Collapsed => ({ from: kyc, to: asset('risk.rules', rule), through: [computation('risk.rules', `${rule}.evaluation`)] });
    const viaModel = (model: string, rule: string): Collapsed => ({
      from: kyc,
      to: asset('risk.rules', rule),
      through: [
        computation('risk.models', `${model}.training`),
        computation('risk.models', `${model}.inference`),
        asset('risk.models', model),
        computation('risk.rules', `${rule}.evaluation`),
      ].sort(),
    });
    const byTarget = (a: Collapsed, b: Collapsed) => a.to.localeCompare(b.to);
    expect(collapsed.filter((e) => e.from === kyc).sort(byTarget)).toEqual(
      [
        direct('wd_aml_large_kyc_low'),
        direct('wd_kyc_rooted_device'),
        viaModel('aml_graph_v1', 'wd_aml_graph_high'),
        viaModel('aml_graph_v1', 'wd_aml_community_risk'),
        viaModel('withdrawal_xgb_v1', 'wd_cashout_model_high'),
      ].sort(byTarget),
    );
    const returned = new Set(nodes.map((n: { id: string }) => n.id));
    for (const e of collapsed) expect(returned.has(e.from) && returned.has(e.to)).toBe(true);
  });

  it('refuses kinds and start fields that do not exist, naming them', async () => {
    const kind = await gql(service.base, `query($id: ID!, $kinds: [NodeKind!]) { lineage(id: $id, kinds: $kinds) { nodes { id } } }`, { id: WIDE, kinds: ['RULES'] });
    expect(refused(kind, 400, 'BAD_USER_INPUT').message).toMatch(/"RULES"/);
    const inline = await gql(service.base, `{ search(query: "kyc", kinds: [FEATURES]) { totalCount } }`);
    expect(inline.status).toBe(400);
    expect(inline.body.errors[0].message).toMatch(/FEATURES/);
    const field = await gql(service.base, `query($id: ID!) { lineage(id: $id, fields: ["kyc_level", "kyc_levle"]) { nodes { id } } }`, { id: WIDE });
    expect(field.body.errors).toHaveLength(1);
    const error = field.body.errors[0];
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe(`${WIDE} has no field "kyc_levle" at graph version ${await store.currentVersion()}`);
    expect(error.extensions.unknown).toEqual(['kyc_levle']);
    // A field the table has is a valid start.
    const ok = await data(service.base, `query($id: ID!) { lineage(id: $id, fields: ["kyc_level"], depth: 2) { fields { id field } } }`, { id: WIDE });
    expect(ok.lineage.fields).toContainEqual({ id: WIDE, field: 'kyc_level' });
  });
});
