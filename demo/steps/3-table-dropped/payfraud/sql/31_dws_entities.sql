-- DWS: daily aggregates per card, merchant, device and IP.
INSERT OVERWRITE TABLE dws.dws_card_txn_1d PARTITION (dt = '2025-06-14')
SELECT card_hash,
       COUNT(txn_id) AS txn_cnt,
       SUM(amount_usd) AS txn_amt,
       COUNT(DISTINCT merchant_id) AS merchant_cnt,
       SUM(CASE WHEN status = 'DECLINED' THEN 1 ELSE 0 END) / COUNT(txn_id) AS decline_rate
FROM dwd.dwd_payment_txn_di
WHERE dt = '2025-06-14'
GROUP BY card_hash;

INSERT OVERWRITE TABLE dws.dws_merchant_txn_1d PARTITION (dt = '2025-06-14')
SELECT t.merchant_id,
       COUNT(t.txn_id) AS txn_cnt,
       SUM(t.amount_usd) AS txn_amt,
       COUNT(DISTINCT cb.chargeback_id) AS chargeback_cnt,
       COUNT(DISTINCT r.refund_id) AS refund_cnt
FROM dwd.dwd_payment_txn_di t
LEFT JOIN dwd.dwd_chargeback_di cb ON t.txn_id = cb.txn_id
LEFT JOIN dwd.dwd_refund_di r ON t.txn_id = r.txn_id
WHERE t.dt = '2025-06-14'
GROUP BY t.merchant_id;

INSERT OVERWRITE TABLE dws.dws_device_user_1d PARTITION (dt = '2025-06-14')
SELECT device_id,
       COUNT(DISTINCT user_id) AS user_cnt,
       MAX(is_emulator) AS is_emulator,
       MAX(is_rooted) AS is_rooted
FROM dwd.dwd_user_device_di
WHERE dt = '2025-06-14'
GROUP BY device_id;

INSERT OVERWRITE TABLE dws.dws_ip_activity_1d PARTITION (dt = '2025-06-14')
SELECT ip,
       COUNT(DISTINCT user_id) AS user_cnt,
       SUM(1 - is_success) AS login_fail_cnt,
       MAX(is_proxy) AS is_proxy,
       MAX(is_datacenter) AS is_datacenter
FROM dwd.dwd_login_di
WHERE dt = '2025-06-14'
GROUP BY ip;
