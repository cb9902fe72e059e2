-- The merchant wide table of the 2023 rule engine. Nothing reads it any more: it is retired in
-- step 3 of the demo (this file disappears from the scripts, so the full sync retracts the table).
INSERT OVERWRITE TABLE ads.ads_merchant_risk_wide_legacy
SELECT merchant_id,
       SUM(txn_cnt) AS txn_cnt_total,
       SUM(chargeback_cnt) AS chargeback_cnt_total
FROM dws.dws_merchant_txn_1d
GROUP BY merchant_id;
