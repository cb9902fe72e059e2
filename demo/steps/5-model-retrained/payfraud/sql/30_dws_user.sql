-- DWS: daily and rolling aggregates per user (the batch features' inputs).
INSERT OVERWRITE TABLE dws.dws_user_txn_1d PARTITION (dt = '2025-06-14')
SELECT user_id,
       COUNT(txn_id) AS txn_cnt,
       SUM(amount_usd) AS txn_amt,
       MAX(amount_usd) AS txn_amt_max,
       COUNT(DISTINCT merchant_id) AS merchant_cnt,
       COUNT(DISTINCT card_hash) AS card_cnt,
       SUM(is_cross_border) AS cross_border_cnt,
       SUM(CASE WHEN status = 'DECLINED' THEN 1 ELSE 0 END) AS decline_cnt
FROM dwd.dwd_payment_txn_di
WHERE dt = '2025-06-14'
GROUP BY user_id;

INSERT OVERWRITE TABLE dws.dws_user_txn_30d PARTITION (dt = '2025-06-14')
SELECT user_id,
       SUM(txn_cnt) AS txn_cnt_30d,
       SUM(txn_amt) AS txn_amt_30d,
       MAX(txn_amt_max) AS txn_amt_max_30d,
       SUM(txn_amt) / SUM(txn_cnt) AS txn_amt_avg_30d,
       SUM(cross_border_cnt) / SUM(txn_cnt) AS cross_border_ratio_30d,
       SUM(decline_cnt) AS decline_cnt_30d
FROM dws.dws_user_txn_1d
WHERE dt > '2025-05-15'
GROUP BY user_id;

INSERT OVERWRITE TABLE dws.dws_user_login_1d PARTITION (dt = '2025-06-14')
SELECT user_id,
       COUNT(login_id) AS login_cnt,
       SUM(1 - is_success) AS login_fail_cnt,
       COUNT(DISTINCT device_id) AS device_cnt,
       COUNT(DISTINCT ip) AS ip_cnt,
       SUM(is_proxy) AS proxy_login_cnt
FROM dwd.dwd_login_di
WHERE dt = '2025-06-14'
GROUP BY user_id;

INSERT OVERWRITE TABLE dws.dws_user_withdrawal_1d PARTITION (dt = '2025-06-14')
SELECT user_id,
       COUNT(withdrawal_id) AS withdrawal_cnt,
       SUM(amount) AS withdrawal_amt,
       COUNT(DISTINCT payee_hash) AS payee_cnt,
       MAX(kyc_level) AS kyc_level
FROM dwd.dwd_withdrawal_di
WHERE dt = '2025-06-14'
GROUP BY user_id;
