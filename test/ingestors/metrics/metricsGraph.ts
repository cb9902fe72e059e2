import { nodeId } from '../../../graph-model/ids.js';
import type { Changeset } from '../../../graph-model/model.js';

/** The platform the metrics fixtures (test/fixtures/metrics) describe. */
export const WAREHOUSE = 'postgres://warehouse:5432';
export const ENGINE = 'risk-engine';

export const ids = {
  orders: nodeId('ASSET', WAREHOUSE, 'risk.orders'),
  userFeatures: nodeId('ASSET', WAREHOUSE, 'risk.user_features'),
  rule: nodeId('ASSET', ENGINE, 'rules.high_amount_new_device'),
  decisionApi: nodeId('ASSET', ENGINE, 'services.decision_api'),
  pipeline: nodeId('COMPUTATION', 'airflow', 'features.daily_user_features'),
};

export const metricsGraph: Changeset = {
  source: 'test:platform',
  mode: 'full',
  assets: [
    {
      namespace: WAREHOUSE,
      name: 'risk.orders',
      kind: 'TABLE',
      definition: { fields: [{ name: 'id' }, { name: 'user_phone' }, { name: 'amount' }] },
    },
    {
      namespace: WAREHOUSE,
      name: 'risk.user_features',
      kind: 'FEATURE',
      definition: { fields: [{ name: 'user_id' }, { name: 'txn_count_7d' }] },
    },
    { namespace: ENGINE, name: 'rules.high_amount_new_device', kind: 'RULE' },
    { namespace: ENGINE, name: 'services.decision_api', kind: 'SERVICE' },
  ],
  computations: [{ namespace: 'airflow', name: 'features.daily_user_features', kind: 'FEATURE_PIPELINE' }],
  edges: [
    { from: { type: 'ASSET', namespace: WAREHOUSE, name: 'risk.orders' }, to: { type: 'COMPUTATION', namespace: 'airflow', name: 'features.daily_user_features' } },
    { from: { type: 'COMPUTATION', namespace: 'airflow', name: 'features.daily_user_features' }, to: { type: 'ASSET', namespace: WAREHOUSE, name: 'risk.user_features' } },
  ],
};
