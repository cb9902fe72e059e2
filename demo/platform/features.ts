import { ONLINE_STORES, STREAMS, table, type Entity } from './assets.js';
import type { FeatureSpec } from './catalogTypes.js';

/**
 * About a hundred features, built from a few families the way feature platforms define them:
 * real-time aggregates over a Kafka stream for several windows, and daily batch features cut from
 * the warehouse's wide tables. Deterministic: the same step always gives the same list.
 */

const KEYS: Record<Entity, string> = { user: 'user_id', card: 'card_hash', device: 'device_id', ip: 'ip', merchant: 'merchant_id', payee: 'payee_hash' };
const OWNERS = { payments: 'team-fraud-features', logins: 'team-account-security', withdrawals: 'team-aml', devices: 'team-device-intel' } as const;

/** One real-time aggregate: `<entity>_<what>_<window>` over a stream, keyed by the entity. */
interface Aggregate {
  entity: Entity;
  what: string;
  type: string;
  /** The aggregate, e.g. `count(*)`, `count_distinct(card_hash)`. */
  aggregate: string;
  description: string;
}

function realtime(stream: keyof typeof STREAMS, windows: string[], aggregates: Aggregate[]): FeatureSpec[] {
  return aggregates.flatMap((a) =>
    windows.map((window) => ({
      name: `${a.entity}_${a.what}_${window}`,
      entity: a.entity,
      type: a.type,
      description: `${a.description} over the last ${window}.`,
      reads: [STREAMS[stream]],
      expression: `${a.aggregate} over ${window} by ${KEYS[a.entity]}`,
      onlineStore: ONLINE_STORES[a.entity],
      window,
      freshness: window === '1h' ? '10s' : '1m',
      owner: OWNERS[stream],
    })),
  );
}

/** One daily batch feature: a column of a warehouse table, loaded into the online store each night. */
function batch(entity: Entity, source: string, owner: string, columns: [name: string, column: string, type: string, description: string][]): FeatureSpec[] {
  return columns.map(([name, column, type, description]) => ({
    name,
    entity,
    type,
    description,
    reads: [table(source)],
    sql: `SELECT ${KEYS[entity]}, ${column} AS ${name} FROM ${source} WHERE dt = '\${bizdate}'`,
    onlineStore: ONLINE_STORES[entity],
    freshness: '1d',
    owner,
  }));
}

/** A feature computed from other features at lookup time. */
function derived(name: string, entity: Entity, inputs: string[], expression: string, description: string): FeatureSpec {
  return { name, entity, type: 'double', description, reads: inputs.map((f) => `risk.features/${f}`), expression, onlineStore: ONLINE_STORES[entity], freshness: '1m', owner: 'team-fraud-features' };
}

const PAYMENT_WINDOWS = ['1h', '24h'];

function paymentFeatures(): FeatureSpec[] {
  return realtime('payments', PAYMENT_WINDOWS, [
    { entity: 'user', what: 'txn_cnt', type: 'int', aggregate: 'count(*)', description: 'Payments of the user' },
    { entity: 'user', what: 'txn_amt_sum', type: 'double', aggregate: 'sum(amount_usd)', description: 'Amount the user paid, in USD,' },
    { entity: 'user', what: 'txn_amt_max', type: 'double', aggregate: 'max(amount_usd)', description: 'Largest payment of the user, in USD,' },
    { entity: 'user', what: 'distinct_cards', type: 'int', aggregate: 'count_distinct(card_hash)', description: 'Distinct cards the user paid with' },
    { entity: 'user', what: 'distinct_merchants', type: 'int', aggregate: 'count_distinct(merchant_id)', description: 'Distinct merchants the user paid' },
    { entity: 'user', what: 'distinct_ips', type: 'int', aggregate: 'count_distinct(ip)', description: 'Distinct IP addresses the user paid from' },
    { entity: 'user', what: 'decline_cnt', type: 'int', aggregate: "count_if(status = 'DECLINED')", description: 'Declined payments of the user' },
    { entity: 'user', what: 'cross_border_cnt', type: 'int', aggregate: 'count_if(is_cross_border = 1)', description: 'Cross-border payments of the user' },
    { entity: 'card', what: 'txn_cnt', type: 'int', aggregate: 'count(*)', description: 'Payments with the card' },
    { entity: 'card', what: 'amt_sum', type: 'double', aggregate: 'sum(amount_usd)', description: 'Amount paid with the card, in USD,' },
    { entity: 'card', what: 'decline_rate', type: 'double', aggregate: "count_if(status = 'DECLINED') / count(*)", description: 'Share of declined payments of the card' },
    { entity: 'card', what: 'distinct_merchants', type: 'int', aggregate: 'count_distinct(merchant_id)', description: 'Distinct merchants the card paid' },
    { entity: 'card', what: 'distinct_users', type: 'int', aggregate: 'count_distinct(user_id)', description: 'Distinct users who paid with the card' },
    { entity: 'merchant', what: 'txn_cnt', type: 'int', aggregate: 'count(*)', description: 'Payments to the merchant' },
    { entity: 'merchant', what: 'amt_sum', type: 'double', aggregate: 'sum(amount_usd)', description: 'Amount paid to the merchant, in USD,' },
    { entity: 'merchant', what: 'decline_rate', type: 'double', aggregate: "count_if(status = 'DECLINED') / count(*)", description: 'Share of declined payments to the merchant' },
    { entity: 'device', what: 'txn_cnt', type: 'int', aggregate: 'count(*)', description: 'Payments from the device' },
    { entity: 'device', what: 'distinct_cards', type: 'int', aggregate: 'count_distinct(card_hash)', description: 'Distinct cards used on the device' },
    { entity: 'device', what: 'distinct_users', type: 'int', aggregate: 'count_distinct(user_id)', description: 'Distinct users paying from the device' },
    { entity: 'ip', what: 'txn_cnt', type: 'int', aggregate: 'count(*)', description: 'Payments from the IP address' },
    { entity: 'ip', what: 'distinct_users', type: 'int', aggregate: 'count_distinct(user_id)', description: 'Distinct users paying from the IP address' },
    { entity: 'ip', what: 'distinct_cards', type: 'int', aggregate: 'count_distinct(card_hash)', description: 'Distinct cards used from the IP address' },
  ]);
}

function loginFeatures(): FeatureSpec[] {
  return realtime('logins', ['1h', '24h'], [
    { entity: 'user', what: 'login_cnt', type: 'int', aggregate: 'count(*)', description: 'Login attempts of the user' },
    { entity: 'user', what: 'login_fail_cnt', type: 'int', aggregate: "count_if(result <> 'SUCCESS')", description: 'Failed login attempts of the user' },
    { entity: 'user', what: 'login_distinct_devices', type: 'int', aggregate: 'count_distinct(device_id)', description: 'Distinct devices the user logged in from' },
    { entity: 'user', what: 'login_distinct_ips', type: 'int', aggregate: 'count_distinct(ip)', description: 'Distinct IP addresses the user logged in from' },
    { entity: 'ip', what: 'login_fail_cnt', type: 'int', aggregate: "count_if(result <> 'SUCCESS')", description: 'Failed login attempts from the IP address' },
    { entity: 'ip', what: 'login_distinct_users', type: 'int', aggregate: 'count_distinct(user_id)', description: 'Distinct accounts tried from the IP address' },
    { entity: 'device', what: 'login_distinct_users', type: 'int', aggregate: 'count_distinct(user_id)', description: 'Distinct accounts logged in from the device' },
  ]);
}

function withdrawalFeatures(): FeatureSpec[] {
  return realtime('withdrawals', ['24h', '7d'], [
    { entity: 'user', what: 'withdrawal_cnt', type: 'int', aggregate: 'count(*)', description: 'Withdrawals of the user' },
    { entity: 'user', what: 'withdrawal_amt_sum', type: 'double', aggregate: 'sum(amount)', description: 'Amount the user withdrew' },
    { entity: 'user', what: 'distinct_payees', type: 'int', aggregate: 'count_distinct(payee_hash)', description: 'Distinct payee accounts of the user' },
    { entity: 'payee', what: 'distinct_users', type: 'int', aggregate: 'count_distinct(user_id)', description: 'Distinct users paying out to the payee account' },
  ]);
}

function deviceFeatures(): FeatureSpec[] {
  const spec = (name: string, type: string, expression: string, description: string): FeatureSpec => ({
    name, entity: 'device', type, description, reads: [STREAMS.devices], expression, onlineStore: ONLINE_STORES.device, freshness: '10s', owner: OWNERS.devices,
  });
  return [
    spec('device_is_emulator', 'boolean', 'last(is_emulator) by device_id', 'The device reports an emulator.'),
    spec('device_is_rooted', 'boolean', 'last(is_rooted) by device_id', 'The device is rooted or jailbroken.'),
    { ...spec('device_fingerprint_changes_24h', 'int', 'count_distinct(fingerprint) over 24h by device_id', 'Distinct fingerprints the device reported over the last 24h.'), window: '24h' },
  ];
}

/** `user_txn_amt_avg_30d` is the feature step 2 redefines: from the nightly wide table to the stream. */
export const REDEFINED_FEATURE = 'user_txn_amt_avg_30d';

function averageAmountFeature(step: number): FeatureSpec {
  const common = { name: REDEFINED_FEATURE, entity: 'user', type: 'double', onlineStore: ONLINE_STORES.user, owner: 'team-fraud-features', window: '30d' };
  if (step < 2) {
    return { ...common, description: 'Average payment of the user over 30 days, in USD, from the nightly user wide table.', reads: [table('ads.ads_user_risk_wide')], sql: "SELECT user_id, txn_amt_avg_30d AS user_txn_amt_avg_30d FROM ads.ads_user_risk_wide WHERE dt = '${bizdate}'", freshness: '1d' };
  }
  return {
    ...common,
    description: 'Average payment of the user over 30 days, in USD, computed on the payment stream, refunds excluded (was a nightly batch feature; redefined in step 2).',
    reads: [STREAMS.payments, table('dwd.dwd_refund_di')],
    expression: 'avg(amount_usd) over 30d by user_id excluding txn_id in dwd_refund_di',
    freshness: '5m',
  };
}

function warehouseFeatures(step: number): FeatureSpec[] {
  return [
    ...batch('user', 'ads.ads_user_risk_wide', 'team-fraud-features', [
      ['user_account_age_days', 'account_age_days', 'int', 'Days since the user registered.'],
      ['user_kyc_level', 'kyc_level', 'int', 'KYC level of the user (0: none, 3: full).'],
      ['user_txn_cnt_30d', 'txn_cnt_30d', 'int', 'Payments of the user over 30 days.'],
      ['user_txn_amt_30d', 'txn_amt_30d', 'double', 'Amount the user paid over 30 days, in USD.'],
      ['user_txn_amt_max_30d', 'txn_amt_max_30d', 'double', 'Largest payment of the user over 30 days, in USD.'],
      ['user_cross_border_ratio_30d', 'cross_border_ratio_30d', 'double', 'Share of cross-border payments of the user over 30 days.'],
      ['user_decline_cnt_30d', 'decline_cnt_30d', 'int', 'Declined payments of the user over 30 days.'],
      ['user_login_devices_1d', 'device_cnt', 'int', 'Devices the user logged in from yesterday.'],
      ['user_withdrawal_amt_1d', 'withdrawal_amt', 'double', 'Amount the user withdrew yesterday.'],
      ['user_payee_cnt_1d', 'payee_cnt', 'int', 'Payee accounts the user paid out to yesterday.'],
    ]),
    averageAmountFeature(step),
    ...batch('user', 'dim.dim_user', 'team-fraud-features', [
      ['user_register_channel', 'register_channel', 'string', 'Channel the user registered through.'],
      ['user_country', 'country', 'string', 'Country of residence of the user.'],
    ]),
    ...batch('user', 'dws.dws_user_login_1d', 'team-account-security', [['user_proxy_login_cnt_1d', 'proxy_login_cnt', 'int', 'Logins of the user through a proxy yesterday.']]),
    ...batch('user', 'dws.dws_user_withdrawal_1d', 'team-aml', [['user_withdrawal_cnt_1d', 'withdrawal_cnt', 'int', 'Withdrawals of the user yesterday.']]),
    ...batch('merchant', 'ads.ads_merchant_risk_wide', 'team-merchant-risk', [
      ['merchant_age_days', 'merchant_age_days', 'int', 'Days since the merchant was onboarded.'],
      ['merchant_chargeback_rate_1d', 'chargeback_rate', 'double', 'Chargebacks per payment of the merchant yesterday.'],
      ['merchant_refund_rate_1d', 'refund_rate', 'double', 'Refunds per payment of the merchant yesterday.'],
      ['merchant_risk_level', 'risk_level', 'string', 'Risk level assigned at onboarding (low, medium, high).'],
      ['merchant_mcc', 'mcc', 'string', 'Merchant category code.'],
    ]),
    ...batch('device', 'ads.ads_device_risk_wide', 'team-device-intel', [
      ['device_age_days', 'device_age_days', 'int', 'Days since the device was first seen.'],
      ['device_user_cnt_total', 'user_cnt_total', 'int', 'Users ever seen on the device.'],
      ['device_user_cnt_1d', 'user_cnt_1d', 'int', 'Users seen on the device yesterday.'],
    ]),
    ...batch('card', 'ads.ads_card_risk_wide', 'team-fraud-features', [
      ['card_age_days', 'card_age_days', 'int', 'Days since the card was bound to an account.'],
      ['card_issuer_country', 'issuer_country', 'string', 'Country of the card issuer.'],
      ['card_bin', 'card_bin', 'string', 'Bank identification number of the card.'],
    ]),
    ...batch('ip', 'dws.dws_ip_activity_1d', 'team-account-security', [
      ['ip_is_proxy', 'is_proxy', 'boolean', 'The IP address is a known proxy or VPN exit.'],
      ['ip_is_datacenter', 'is_datacenter', 'boolean', 'The IP address belongs to a hosting provider.'],
      ['ip_user_cnt_1d', 'user_cnt', 'int', 'Users seen on the IP address yesterday.'],
    ]),
  ];
}

function derivedFeatures(): FeatureSpec[] {
  return [
    derived('user_amt_spike_ratio_24h', 'user', ['user_txn_amt_max_24h', REDEFINED_FEATURE], 'user_txn_amt_max_24h / user_txn_amt_avg_30d', 'Largest payment of the last 24h against the 30-day average.'),
    derived('card_velocity_ratio_1h', 'card', ['card_txn_cnt_1h', 'card_txn_cnt_24h'], 'card_txn_cnt_1h * 24 / card_txn_cnt_24h', 'Payments of the card in the last hour against its hourly average of the day.'),
    derived('device_user_growth_1d', 'device', ['device_distinct_users_24h', 'device_user_cnt_total'], 'device_distinct_users_24h / device_user_cnt_total', 'Share of the users ever seen on the device that used it in the last 24h.'),
  ];
}

/** Every feature of the platform at a step (1 to 5). */
export function features(step: number): FeatureSpec[] {
  return [...paymentFeatures(), ...loginFeatures(), ...withdrawalFeatures(), ...deviceFeatures(), ...warehouseFeatures(step), ...derivedFeatures()];
}
