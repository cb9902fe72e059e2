import { table } from './assets.js';
import type { ModelSpec } from './catalogTypes.js';

/** The model step 5 retrains: new version, new training set, one more input. */
export const RETRAINED_MODEL = 'fraud_gbdt_v3';

function fraudModel(step: number): ModelSpec {
  const retrained = step >= 5;
  return {
    name: RETRAINED_MODEL,
    version: retrained ? '3.1' : '3.0',
    description: retrained
      ? 'Gradient-boosted fraud score of card payments, retrained on Q2 2025 with the card decline rate (step 5).'
      : 'Gradient-boosted fraud score of card payments, trained on Q1 2025.',
    inputs: [
      'user_txn_cnt_1h', 'user_txn_cnt_24h', 'user_txn_amt_sum_24h', 'user_txn_amt_avg_30d', 'user_distinct_cards_24h',
      'user_account_age_days', 'user_cross_border_ratio_30d', 'card_txn_cnt_1h', 'card_age_days', 'merchant_chargeback_rate_1d',
      'device_age_days', 'device_distinct_users_24h', 'ip_is_proxy',
      ...(retrained ? ['card_decline_rate_24h'] : []),
    ],
    trainingTables: [table('risk.fraud_labels'), table(retrained ? 'risk.fraud_training_set_2025q2' : 'risk.fraud_training_set_2025q1')],
    outputs: [
      { name: 'score', type: 'double', description: 'Probability that the payment is fraudulent.' },
      { name: 'reason_code', type: 'string', description: 'The input that contributed most to the score.' },
    ],
    defaultOutput: 'score',
    owner: 'team-fraud-ml',
    tags: { framework: 'lightgbm', trained_on: retrained ? '2025q2' : '2025q1' },
  };
}

/** Every model of the platform at a step. */
export function models(step: number): ModelSpec[] {
  return [
    fraudModel(step),
    {
      name: 'ato_lr_v2',
      version: '2.4',
      description: 'Logistic regression scoring account takeover at login.',
      inputs: ['user_login_fail_cnt_1h', 'user_login_distinct_devices_24h', 'user_login_distinct_ips_24h', 'ip_login_fail_cnt_1h', 'ip_is_proxy', 'ip_is_datacenter', 'device_age_days', 'device_is_emulator', 'user_account_age_days'],
      trainingTables: [table('risk.ato_labels'), table('ads.ads_user_risk_wide')],
      outputs: [{ name: 'score', type: 'double', description: 'Probability that the login is an account takeover.' }],
      defaultOutput: 'score',
      owner: 'team-account-security',
      tags: { framework: 'sklearn' },
    },
    {
      name: 'aml_graph_v1',
      version: '1.2',
      description: 'Graph model over users, devices and payee accounts, scoring money-mule networks.',
      inputs: ['user_withdrawal_amt_sum_7d', 'user_distinct_payees_7d', 'payee_distinct_users_7d', 'device_login_distinct_users_24h', 'user_kyc_level', 'user_account_age_days', 'user_payee_cnt_1d'],
      trainingTables: [table('risk.aml_labels'), table('ads.ads_user_risk_wide'), table('ads.ads_device_risk_wide')],
      outputs: [
        { name: 'score', type: 'double', description: 'Probability that the account belongs to a mule network.' },
        { name: 'community_risk', type: 'double', description: 'Risk of the account\'s community in the graph.' },
      ],
      defaultOutput: 'score',
      owner: 'team-aml',
      tags: { framework: 'graphsage' },
    },
    {
      name: 'withdrawal_xgb_v1',
      version: '1.0',
      description: 'Gradient-boosted score of withdrawals cashing out stolen funds.',
      inputs: ['user_withdrawal_cnt_24h', 'user_withdrawal_amt_sum_24h', 'user_distinct_payees_24h', 'user_txn_amt_30d', 'user_kyc_level', 'device_is_rooted', 'ip_is_proxy'],
      trainingTables: [table('risk.aml_labels'), table('ads.ads_user_risk_wide')],
      outputs: [{ name: 'score', type: 'double', description: 'Probability that the withdrawal is a cash-out.' }],
      defaultOutput: 'score',
      owner: 'team-aml',
      tags: { framework: 'xgboost' },
    },
  ];
}
