-- ODS -> DWD: payments, refunds and chargebacks, cleaned and enriched (daily, Hive on Tez).
SET hive.exec.dynamic.partition.mode=nonstrict;

-- Card numbers never leave the ODS layer in clear: only their hash goes on.
INSERT OVERWRITE TABLE dwd.dwd_payment_txn_di PARTITION (dt = '2025-06-14')
SELECT t.txn_id,
       t.user_id,
       sha2(t.card_no, 256) AS card_hash,
       c.card_bin,
       c.issuer_country,
       t.merchant_id,
       t.device_id,
       t.ip,
       g.country AS ip_country,
       g.is_proxy,
       t.amount * t.fx_rate AS amount_usd,
       t.currency,
       t.channel,
       t.status,
       CASE WHEN c.issuer_country <> g.country THEN 1 ELSE 0 END AS is_cross_border,
       t.event_time
FROM ods.ods_payment_txn t
LEFT JOIN ods.ods_card_info c ON t.card_no = c.card_no
LEFT JOIN ods.ods_ip_geo g ON t.ip = g.ip
WHERE t.dt = '2025-06-14';

INSERT OVERWRITE TABLE dwd.dwd_refund_di PARTITION (dt = '2025-06-14')
SELECT r.refund_id,
       r.txn_id,
       t.user_id,
       t.merchant_id,
       r.amount * t.fx_rate AS refund_amount_usd,
       r.refund_time
FROM ods.ods_refund r
JOIN ods.ods_payment_txn t ON r.txn_id = t.txn_id
WHERE r.dt = '2025-06-14';

INSERT OVERWRITE TABLE dwd.dwd_chargeback_di PARTITION (dt = '2025-06-14')
SELECT cb.chargeback_id,
       cb.txn_id,
       t.user_id,
       t.merchant_id,
       sha2(t.card_no, 256) AS card_hash,
       cb.reason_code,
       cb.amount * t.fx_rate AS chargeback_amount_usd,
       cb.report_time
FROM ods.ods_chargeback cb
JOIN ods.ods_payment_txn t ON cb.txn_id = t.txn_id
WHERE cb.dt = '2025-06-14';
