-- Added in step 5 of the demo: the Q2 2025 training set fraud_gbdt_v3 is retrained on, with the
-- card's decline rate as a new column.
INSERT OVERWRITE TABLE risk.fraud_training_set_2025q2
SELECT l.txn_id,
       l.is_fraud,
       w.account_age_days,
       w.txn_cnt_30d,
       w.txn_amt_avg_30d,
       w.cross_border_ratio_30d,
       w.device_cnt,
       c.decline_rate
FROM risk.fraud_labels l
JOIN ads.ads_user_risk_wide w ON l.user_id = w.user_id
JOIN dwd.dwd_payment_txn_di t ON l.txn_id = t.txn_id
LEFT JOIN ads.ads_card_risk_wide c ON t.card_hash = c.card_hash
WHERE l.dt BETWEEN '2025-04-01' AND '2025-06-30';
