import { beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../../graph-model/store/graphStore.js';
import { riskCatalogIngestor } from '../../../../ingestors/risk/index.js';
import { runIngestor } from '../../../../ingestors/runIngestor.js';
import { describeEachEngine, useStore } from '../../../support/engines.js';
import { assetId, computationId, fixtureDirectory, namedEdges, namedFieldEdges, namedTags } from './riskCatalogFixtures.js';

const DEVICE_REGISTRY = 'hive://warehouse/dw.device_registry';

describeEachEngine('risk catalog: what each item asserts', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(async () => {
    store = shared.store();
    await runIngestor(store, riskCatalogIngestor(), { directory: fixtureDirectory('basic') });
  });

  it('a feature: FEATURE asset, and a FEATURE_PIPELINE reading its sources and writing the feature (its online store is what readers read)', async () => {
    const pipeline = computationId('risk.features', 'device_age_days.pipeline');
    expect(await namedEdges(store, pipeline)).toEqual([
      'risk.features/device_age_days.pipeline WRITES risk.features/device_age_days',
      `${DEVICE_REGISTRY} READS risk.features/device_age_days.pipeline`,
    ].sort());
    expect(await store.node(pipeline)).toMatchObject({
      kind: 'FEATURE_PIPELINE',
      definition: {
        code: { language: 'sql', text: 'SELECT device_id, DATEDIFF(CURRENT_DATE, first_seen) AS device_age_days FROM dw.device_registry' },
        owners: [{ name: 'team-device-intel' }],
        properties: { feature: 'risk.features/device_age_days' },
      },
    });
    expect(await store.node(assetId('risk.features', 'device_age_days'))).toMatchObject({
      kind: 'FEATURE',
      definition: {
        description: 'Days since the device was first registered.',
        owners: [{ name: 'team-device-intel' }],
        properties: { entity: 'device', type: 'int', freshness: '1d', onlineStore: 'redis://risk-online/device_features' },
      },
    });
    // Sources and stores nobody else declares are asserted by the catalog so that the edges hold.
    expect(await store.node(assetId('hive://warehouse', 'dw.device_registry'))).toMatchObject({ kind: 'TABLE', definition: { properties: { referencedOnly: true } } });
    expect(await store.node(assetId('kafka://risk-prod', 'payments.authorizations'))).toMatchObject({ kind: 'STREAM' });
    expect(await store.node(assetId('redis://risk-online', 'user_features'))).toMatchObject({
      kind: 'KV_TABLE',
      definition: { fields: [{ name: 'user_7d_txn_cnt' }, { name: 'user_avg_amount_30d' }, { name: 'user_devices_30d' }] },
    });
    expect(await namedTags(store, assetId('risk.features', 'user_7d_txn_cnt'))).toEqual([':tier=gold']);
  });

  it('a model: MODEL asset with its outputs as fields, TRAINING and INFERENCE computations', async () => {
    const model = assetId('risk.models', 'fraud_gbdt_v3');
    expect(await store.node(model)).toMatchObject({
      kind: 'MODEL',
      definition: {
        fields: [{ name: 'score', type: 'double', description: 'Probability that the payment is fraudulent.' }, { name: 'reason_code', type: 'string' }],
        owners: [{ name: 'team-fraud-ml' }],
        properties: { version: '3', defaultOutput: 'score' },
      },
    });
    const inputs = ['card_decline_rate_1h', 'device_age_days', 'user_7d_txn_cnt', 'user_avg_amount_30d'].map((name) => `risk.features/${name}`);
    expect(await namedEdges(store, computationId('risk.models', 'fraud_gbdt_v3.training'))).toEqual(
      [
        'hive://warehouse/risk.fraud_labels READS risk.models/fraud_gbdt_v3.training',
        ...inputs.map((input) => `${input} READS risk.models/fraud_gbdt_v3.training`),
        'risk.models/fraud_gbdt_v3.training WRITES risk.models/fraud_gbdt_v3',
      ].sort(),
    );
    // Online inference also reads each input where it is served (features.yaml's onlineStore).
    const served = [
      'redis://risk-online/card_features#card_decline_rate_1h',
      'redis://risk-online/device_features#device_age_days',
      'redis://risk-online/user_features#user_7d_txn_cnt',
      'redis://risk-online/user_features#user_avg_amount_30d',
    ];
    const stores = ['redis://risk-online/card_features', 'redis://risk-online/device_features', 'redis://risk-online/user_features'];
    const inference = computationId('risk.models', 'fraud_gbdt_v3.inference');
    expect(await namedEdges(store, inference)).toEqual(
      [...[...inputs, ...stores].map((input) => `${input} READS risk.models/fraud_gbdt_v3.inference`), 'risk.models/fraud_gbdt_v3.inference WRITES risk.models/fraud_gbdt_v3'].sort(),
    );
    expect(await namedFieldEdges(store, inference)).toEqual(
      [...inputs.map((input) => `${input}#`), ...served].flatMap((input) => ['reason_code', 'score'].map((output) => `${input} -> risk.models/fraud_gbdt_v3#${output} (DIRECT/TRANSFORMATION)`)).sort(),
    );
    expect((await store.node(computationId('risk.models', 'fraud_gbdt_v3.training')))!.kind).toBe('TRAINING');
    expect((await store.node(inference))!.kind).toBe('INFERENCE');
    expect(await namedTags(store, model)).toEqual([':framework=lightgbm']);
  });

  it('a rule: RULE asset with its expression, and a RULE_EVALUATION reading features, model and event', async () => {
    const rule = assetId('risk.rules', 'new_device_high_amount');
    const evaluation = computationId('risk.rules', 'new_device_high_amount.evaluation');
    expect(await store.node(rule)).toMatchObject({
      kind: 'RULE',
      definition: {
        code: {
          language: 'rule',
          text: "event.amount / feature('user_avg_amount_30d') > 10\n  and feature('device_age_days') < 3\n  and event.currency in high_risk_currencies\n",
        },
        owners: [{ name: 'team-fraud-rules' }],
        properties: { action: 'challenge', priority: 150, purpose: 'anti-fraud', status: 'active', service: 'payment_decision', variables: ['high_risk_currencies'] },
      },
    });
    expect((await store.node(rule))!.definition.properties).not.toHaveProperty('danglingReferences');
    // Each feature is also read, at decision time, from the online store it is served from.
    expect(await namedEdges(store, evaluation)).toEqual([
      'redis://risk-online/device_features READS risk.rules/new_device_high_amount.evaluation',
      'redis://risk-online/user_features READS risk.rules/new_device_high_amount.evaluation',
      'risk.features/device_age_days READS risk.rules/new_device_high_amount.evaluation',
      'risk.features/user_avg_amount_30d READS risk.rules/new_device_high_amount.evaluation',
      'risk.rules/new_device_high_amount.evaluation WRITES risk.rules/new_device_high_amount',
      'risk.services/payment.event READS risk.rules/new_device_high_amount.evaluation',
    ]);
    expect(await namedFieldEdges(store, evaluation)).toEqual([
      'redis://risk-online/device_features#device_age_days -> risk.rules/new_device_high_amount# (INDIRECT/CONDITION)',
      'redis://risk-online/user_features#user_avg_amount_30d -> risk.rules/new_device_high_amount# (INDIRECT/CONDITION)',
      'risk.features/device_age_days# -> risk.rules/new_device_high_amount# (INDIRECT/CONDITION)',
      'risk.features/user_avg_amount_30d# -> risk.rules/new_device_high_amount# (INDIRECT/CONDITION)',
      'risk.services/payment.event#amount -> risk.rules/new_device_high_amount# (INDIRECT/CONDITION)',
      'risk.services/payment.event#currency -> risk.rules/new_device_high_amount# (INDIRECT/CONDITION)',
    ]);
    expect(await namedTags(store, rule)).toEqual([':purpose=anti-fraud']);

    // model('m').score reads the MODEL asset's output field `score`.
    expect(await namedFieldEdges(store, computationId('risk.rules', 'gbdt_high_score.evaluation'))).toEqual([
      'risk.models/fraud_gbdt_v3#score -> risk.rules/gbdt_high_score# (INDIRECT/CONDITION)',
      'risk.services/payment.event#amount -> risk.rules/gbdt_high_score# (INDIRECT/CONDITION)',
    ]);
  });

  it('a service: SERVICE asset, its scene EVENT with fields and PII tags, and a SERVICE_CALL reading event and rules', async () => {
    const decide = computationId('risk.services', 'payment_decision.decide');
    expect(await namedEdges(store, decide)).toEqual([
      'risk.rules/card_decline_burst READS risk.services/payment_decision.decide',
      'risk.rules/gbdt_high_score READS risk.services/payment_decision.decide',
      'risk.rules/large_amount_velocity READS risk.services/payment_decision.decide',
      'risk.rules/merchant_risk_spike READS risk.services/payment_decision.decide',
      'risk.rules/new_device_high_amount READS risk.services/payment_decision.decide',
      'risk.services/payment.event READS risk.services/payment_decision.decide',
      'risk.services/payment_decision.decide WRITES risk.services/payment_decision',
    ]);
    expect(await store.node(assetId('risk.services', 'payment_decision'))).toMatchObject({
      kind: 'SERVICE',
      definition: {
        description: 'Decides on every card payment authorization.',
        owners: [{ name: 'team-fraud-platform' }],
        properties: {
          scene: 'payment',
          ruleSets: [
            { name: 'core', rules: ['large_amount_velocity', 'gbdt_high_score', 'new_device_high_amount', 'card_decline_burst'] },
            { name: 'merchant', rules: ['merchant_risk_spike'] },
          ],
        },
      },
    });
    const event = assetId('risk.services', 'payment.event');
    expect(await store.node(event)).toMatchObject({
      kind: 'EVENT',
      definition: {
        fields: [
          { name: 'amount', type: 'decimal' },
          { name: 'currency', type: 'string' },
          { name: 'card_bin', type: 'string' },
          { name: 'device_id', type: 'string' },
          { name: 'user_id', type: 'string' },
          { name: 'phone', type: 'string' },
        ],
        properties: { scene: 'payment' },
      },
    });
    expect(await namedTags(store, event)).toEqual(['card_bin:sensitivity=L2', 'phone:pii=phone']);
    expect(await namedTags(store, assetId('risk.services', 'payment_decision'))).toEqual([':tier=critical']);
  });

  it('a file-level namespace applies to every item of the file; names still resolve across files', async () => {
    expect(await namedEdges(store, computationId('risk.login', 'login_new_device.evaluation'))).toEqual([
      'redis://risk-online/device_features READS risk.login/login_new_device.evaluation',
      'redis://risk-online/user_features READS risk.login/login_new_device.evaluation',
      'risk.features/device_age_days READS risk.login/login_new_device.evaluation',
      'risk.features/user_devices_30d READS risk.login/login_new_device.evaluation',
      'risk.login/login.event READS risk.login/login_new_device.evaluation',
      'risk.login/login_new_device.evaluation WRITES risk.login/login_new_device',
    ]);
    expect(await namedTags(store, assetId('risk.login', 'login.event'))).toEqual(['email:pii=email', 'ip:pii=ip']);
  });
});
