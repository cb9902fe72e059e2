-- ADS: the wide tables the batch features and the model training sets are cut from.
INSERT OVERWRITE TABLE ads.ads_user_risk_wide PARTITION (dt = '2025-06-14')
SELECT u.user_id,
       u.account_age_days,
       u.kyc_level,
       u.country,
       t.txn_cnt_30d,
       t.txn_amt_30d,
       t.txn_amt_avg_30d,
       t.txn_amt_max_30d,
       t.cross_border_ratio_30d,
       t.decline_cnt_30d,
       l.login_cnt,
       l.login_fail_cnt,
       l.device_cnt,
       w.withdrawal_cnt,
       w.withdrawal_amt,
       w.payee_cnt
FROM dim.dim_user u
LEFT JOIN dws.dws_user_txn_30d t ON u.user_id = t.user_id
LEFT JOIN dws.dws_user_login_1d l ON u.user_id = l.user_id
LEFT JOIN dws.dws_user_withdrawal_1d w ON u.user_id = w.user_id;

INSERT OVERWRITE TABLE ads.ads_merchant_risk_wide PARTITION (dt = '2025-06-14')
SELECT m.merchant_id,
       m.mcc,
       m.risk_level,
       m.merchant_age_days,
       t.txn_cnt,
       t.txn_amt,
       t.chargeback_cnt / t.txn_cnt AS chargeback_rate,
       t.refund_cnt / t.txn_cnt AS refund_rate
FROM dim.dim_merchant m
LEFT JOIN dws.dws_merchant_txn_1d t ON m.merchant_id = t.merchant_id;

INSERT OVERWRITE TABLE ads.ads_device_risk_wide PARTITION (dt = '2025-06-14')
SELECT d.device_id,
       d.is_emulator,
       d.is_rooted,
       datediff('2025-06-14', to_date(d.first_seen_time)) AS device_age_days,
       d.user_cnt_total,
       s.user_cnt AS user_cnt_1d
FROM dim.dim_device d
LEFT JOIN dws.dws_device_user_1d s ON d.device_id = s.device_id;

INSERT OVERWRITE TABLE ads.ads_card_risk_wide PARTITION (dt = '2025-06-14')
SELECT c.card_hash,
       c.card_bin,
       c.issuer_country,
       c.card_age_days,
       s.txn_cnt,
       s.merchant_cnt,
       s.decline_rate
FROM dim.dim_card c
LEFT JOIN dws.dws_card_txn_1d s ON c.card_hash = s.card_hash;
