import type { RuleAction, RuleSpec } from './catalogTypes.js';

/** The rule step 4 retires (`status: retired`): a 2023 MCC block the fraud model made redundant. */
export const RETIRED_RULE = 'pay_merchant_legacy_mcc_block';

type Purpose = RuleSpec['purpose'];
type Row = [name: string, action: RuleAction, priority: number, expression: string, description: string, purpose?: Purpose];

function rulesOf(service: string, owner: string, purpose: Purpose, rows: Row[]): RuleSpec[] {
  return rows.map(([name, action, priority, expression, description, own]) => ({ name, expression, action, priority, purpose: own ?? purpose, owner, service, description }));
}

const PAYMENT: Row[] = [
  ['pay_velocity_user_burst_1h', 'review', 120, "feature('user_txn_cnt_1h') > 10 and event.amount > 50", 'Many payments of one user within an hour.'],
  ['pay_velocity_user_amount_24h', 'review', 110, "feature('user_txn_amt_sum_24h') + event.amount > 10000", 'The day\'s spend of the user passes 10k USD.'],
  ['pay_velocity_card_burst_1h', 'block', 160, "feature('card_txn_cnt_1h') > 8 and feature('card_velocity_ratio_1h') > 5", 'Card used far more often than usual in the last hour.'],
  ['pay_velocity_card_testing', 'block', 190, "feature('card_txn_cnt_1h') > 5 and event.amount < 2 and feature('card_distinct_merchants_1h') >= 3", 'Small amounts on several merchants: card testing.'],
  ['pay_velocity_ip_users_1h', 'review', 100, "feature('ip_distinct_users_1h') > 20", 'Many users paying from one IP address.'],
  ['pay_velocity_device_cards_24h', 'challenge', 140, "feature('device_distinct_cards_24h') > 4", 'Many cards used on one device in a day.'],
  ['pay_amount_spike', 'challenge', 130, "feature('user_amt_spike_ratio_24h') > 8 and event.amount > 500", 'Payment far above the user\'s average.'],
  ['pay_amount_new_account_large', 'review', 125, "feature('user_account_age_days') < 3 and event.amount > 1000", 'Large payment from an account created less than 3 days ago.'],
  ['pay_amount_above_30d_max', 'challenge', 115, "event.amount > 3 * feature('user_txn_amt_max_30d') and feature('user_txn_cnt_30d') > 5", 'Payment three times the user\'s largest of the month.'],
  ['pay_amount_avg_deviation', 'review', 105, "event.amount / feature('user_txn_amt_avg_30d') > 10", 'Payment ten times the user\'s 30-day average.'],
  ['pay_card_decline_burst', 'block', 170, "feature('card_decline_rate_1h') > 0.5 and feature('card_txn_cnt_1h') >= 4", 'Most recent authorizations of the card were declined.'],
  ['pay_card_shared_users', 'review', 135, "feature('card_distinct_users_24h') > 2", 'One card used by several accounts.'],
  ['pay_card_new_card_large', 'challenge', 145, "feature('card_age_days') < 1 and event.amount > 800", 'Large payment with a card bound today.'],
  ['pay_card_issuer_mismatch', 'review', 95, "feature('card_issuer_country') != event.country and feature('user_cross_border_ratio_30d') < 0.05", 'Card issued abroad for a user who rarely pays across borders.'],
  ['pay_card_user_many_cards', 'challenge', 150, "feature('user_distinct_cards_24h') > 3", 'A user paying with many cards in a day.'],
  ['pay_device_emulator', 'block', 200, "feature('device_is_emulator') == true and event.amount > 20", 'Payment from an emulator.'],
  ['pay_device_rooted_new', 'challenge', 150, "feature('device_is_rooted') == true and feature('device_age_days') < 7", 'Payment from a new rooted device.'],
  ['pay_device_shared', 'review', 100, "feature('device_distinct_users_24h') > 3 or feature('device_user_growth_1d') > 0.8", 'A device shared by several accounts.'],
  ['pay_device_fingerprint_churn', 'review', 90, "feature('device_fingerprint_changes_24h') > 5", 'A device changing its fingerprint often (tampering).'],
  ['pay_merchant_high_chargeback', 'review', 85, "feature('merchant_chargeback_rate_1d') > 0.02 and event.amount > 200", 'Payment to a merchant with many chargebacks.'],
  ['pay_merchant_high_risk_new', 'challenge', 110, "feature('merchant_risk_level') == 'high' and feature('merchant_age_days') < 30", 'Payment to a new high-risk merchant.'],
  ['pay_merchant_decline_spike', 'review', 80, "feature('merchant_decline_rate_1h') > 0.3 and feature('merchant_txn_cnt_1h') > 100", 'A merchant whose payments are suddenly declined.'],
  ['pay_merchant_refund_abuse', 'review', 75, "feature('merchant_refund_rate_1d') > 0.1 and feature('merchant_amt_sum_24h') > 50000", 'A merchant refunding a large share of its sales.'],
  [RETIRED_RULE, 'block', 60, "event.mcc in ['7995', '5967'] and feature('merchant_mcc') == event.mcc", 'Blocked gambling and direct-marketing MCCs (2023); superseded by fraud_gbdt_v3.'],
  ['pay_model_high_score', 'block', 220, "model('fraud_gbdt_v3').score > 0.92", 'The fraud model is almost sure.'],
  ['pay_model_medium_score_large', 'challenge', 180, "model('fraud_gbdt_v3').score > 0.7 and event.amount > 300", 'Medium fraud score on a large payment.'],
  ['pay_model_score_new_device', 'challenge', 175, "model('fraud_gbdt_v3').score > 0.5 and feature('device_age_days') < 2", 'Medium fraud score from a new device.'],
  ['pay_geo_ip_proxy', 'review', 90, "feature('ip_is_proxy') == true and event.amount > 200", 'Payment through a proxy or VPN.'],
  ['pay_geo_cross_border_burst', 'review', 95, "feature('user_cross_border_cnt_1h') > 3", 'Several cross-border payments within an hour.'],
  ['pay_geo_night_foreign', 'review', 70, "event.hour between 1 and 5 and event.country != feature('user_country')", 'Night-time payment from another country than the user\'s.'],
];

const LOGIN: Row[] = [
  ['login_ato_model_high', 'block', 200, "model('ato_lr_v2').score > 0.9", 'The account-takeover model is almost sure.'],
  ['login_ato_model_new_device', 'challenge', 180, "model('ato_lr_v2').score > 0.6 and event.device_id not in feature('user_login_distinct_devices_24h')", 'Medium takeover score from an unknown device.'],
  ['login_ato_password_reset_new_ip', 'challenge', 150, "event.password_changed_hours < 24 and feature('user_login_distinct_ips_24h') > 3", 'Logins from several IPs right after a password change.'],
  ['login_bruteforce_user', 'block', 170, "feature('user_login_fail_cnt_1h') > 10", 'Password guessing on one account.'],
  ['login_bruteforce_ip', 'block', 175, "feature('ip_login_fail_cnt_1h') > 50", 'Password guessing from one IP address.'],
  ['login_bruteforce_stuffing', 'block', 185, "feature('ip_login_distinct_users_1h') > 30 and feature('ip_login_fail_cnt_1h') > 20", 'Credential stuffing: many accounts tried from one IP address.'],
  ['login_bruteforce_slow', 'review', 120, "feature('user_login_fail_cnt_24h') > 30 and feature('user_login_fail_cnt_1h') < 5", 'Slow password guessing spread over the day.'],
  ['login_device_emulator', 'challenge', 160, "feature('device_is_emulator') == true", 'Login from an emulator.'],
  ['login_device_farm', 'review', 130, "feature('device_login_distinct_users_24h') > 5", 'One device logging into many accounts.'],
  ['login_device_many_devices', 'challenge', 140, "feature('user_login_distinct_devices_24h') > 4", 'One account used from many devices in a day.'],
  ['login_geo_datacenter_ip', 'challenge', 110, "feature('ip_is_datacenter') == true and feature('user_account_age_days') > 30", 'Established account logging in from a hosting provider.'],
  ['login_geo_proxy_new_user', 'review', 100, "feature('ip_is_proxy') == true and feature('user_account_age_days') < 7", 'New account behind a proxy.'],
  ['login_geo_country_change', 'challenge', 105, "event.country != feature('user_country') and feature('user_proxy_login_cnt_1d') == 0", 'Login from another country than the user\'s, without a proxy.'],
];

const WITHDRAWAL: Row[] = [
  ['wd_aml_graph_high', 'block', 210, "model('aml_graph_v1').score > 0.85", 'The graph model places the account in a mule network.'],
  ['wd_aml_community_risk', 'review', 190, "model('aml_graph_v1').community_risk > 0.7 and event.amount > 1000", 'Large withdrawal from a risky community.'],
  ['wd_aml_structuring', 'review', 160, "feature('user_withdrawal_cnt_24h') >= 5 and event.amount between 900 and 999", 'Repeated withdrawals just under the reporting threshold.'],
  ['wd_aml_large_kyc_low', 'review', 150, "event.amount > 5000 and feature('user_kyc_level') < 2", 'Large withdrawal from an account with weak KYC.'],
  ['wd_aml_velocity_7d', 'review', 140, "feature('user_withdrawal_amt_sum_7d') > 50000", 'More than 50k withdrawn in a week.'],
  ['wd_mule_shared_payee', 'block', 180, "feature('payee_distinct_users_7d') > 3", 'A payee account receiving from several users.'],
  ['wd_mule_many_payees', 'review', 130, "feature('user_distinct_payees_7d') > 5 and event.is_first_payee == true", 'A new payee for an account that already paid many.'],
  ['wd_mule_device_farm', 'review', 120, "feature('device_login_distinct_users_24h') > 3 and feature('user_payee_cnt_1d') > 2", 'Withdrawals from a device shared by several accounts.'],
  ['wd_cashout_model_high', 'block', 200, "model('withdrawal_xgb_v1').score > 0.9", 'The cash-out model is almost sure.', 'anti-fraud'],
  ['wd_cashout_after_deposit', 'challenge', 170, "event.amount > 0.9 * feature('user_txn_amt_30d') and feature('user_account_age_days') < 14", 'A new account withdrawing almost all it took in.', 'anti-fraud'],
  ['wd_cashout_first_payee_large', 'challenge', 165, "event.is_first_payee == true and event.amount > 2000 and feature('user_account_age_days') < 180", 'Large withdrawal to a payee never used before, from an account less than six months old.', 'anti-fraud'],
  ['wd_cashout_burst_24h', 'challenge', 155, "feature('user_withdrawal_cnt_24h') > 3 and feature('user_withdrawal_amt_sum_24h') > 5000", 'Several large withdrawals within a day.', 'anti-fraud'],
  ['wd_kyc_rooted_device', 'challenge', 145, "feature('device_is_rooted') == true and feature('user_kyc_level') < 3", 'Withdrawal from a rooted device by an account without full KYC.', 'account-security'],
  ['wd_kyc_proxy', 'review', 135, "feature('ip_is_proxy') == true and event.amount > 500", 'Withdrawal through a proxy.', 'account-security'],
];

/** Every rule of the platform at a step; from step 4 on the legacy MCC rule is retired. */
export function rules(step: number): RuleSpec[] {
  const all = [
    ...rulesOf('payment_decision', 'team-fraud-rules', 'anti-fraud', PAYMENT),
    ...rulesOf('login_decision', 'team-account-security', 'account-security', LOGIN),
    ...rulesOf('withdrawal_decision', 'team-aml', 'aml', WITHDRAWAL),
  ];
  return all.map((rule) => (rule.name === RETIRED_RULE && step >= 4 ? { ...rule, status: 'retired' as const, description: `${rule.description} Retired in step 4.` } : rule));
}
