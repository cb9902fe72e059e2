-- Labels and training sets of the models, from closed case reviews and chargebacks.
INSERT OVERWRITE TABLE risk.fraud_labels PARTITION (dt = '2025-06-14')
SELECT t.txn_id,
       t.user_id,
       CASE WHEN cb.chargeback_id IS NOT NULL OR cr.verdict = 'FRAUD' THEN 1 ELSE 0 END AS is_fraud,
       t.event_time
FROM dwd.dwd_payment_txn_di t
LEFT JOIN dwd.dwd_chargeback_di cb ON t.txn_id = cb.txn_id
LEFT JOIN ods.ods_case_review cr ON cr.entity_id = t.txn_id AND cr.entity_type = 'txn';

INSERT OVERWRITE TABLE risk.ato_labels PARTITION (dt = '2025-06-14')
SELECT l.login_id,
       l.user_id,
       CASE WHEN cr.category = 'ACCOUNT_TAKEOVER' THEN 1 ELSE 0 END AS is_ato,
       l.event_time
FROM dwd.dwd_login_di l
LEFT JOIN ods.ods_case_review cr ON cr.entity_id = l.login_id AND cr.entity_type = 'login';

INSERT OVERWRITE TABLE risk.aml_labels PARTITION (dt = '2025-06-14')
SELECT w.withdrawal_id,
       w.user_id,
       CASE WHEN cr.verdict = 'SAR_FILED' THEN 1 ELSE 0 END AS is_suspicious,
       w.event_time
FROM dwd.dwd_withdrawal_di w
LEFT JOIN ods.ods_case_review cr ON cr.entity_id = w.withdrawal_id AND cr.entity_type = 'withdrawal';

-- The training set of fraud_gbdt_v3 as first trained (Q1 2025 payments).
INSERT OVERWRITE TABLE risk.fraud_training_set_2025q1
SELECT l.txn_id,
       l.is_fraud,
       w.account_age_days,
       w.txn_cnt_30d,
       w.txn_amt_avg_30d,
       w.cross_border_ratio_30d,
       w.device_cnt
FROM risk.fraud_labels l
JOIN ads.ads_user_risk_wide w ON l.user_id = w.user_id
WHERE l.dt BETWEEN '2025-01-01' AND '2025-03-31';
