-- ODS layer of the payment-fraud platform (Hive, database per layer).
-- Flink jobs sink the Kafka event streams (kafka://risk-prod) into these tables every few minutes;
-- the declarations give the raw columns, PII included, so lineage and tags have something to hold.

CREATE TABLE IF NOT EXISTS ods.ods_payment_txn (
  txn_id STRING, user_id STRING, card_no STRING, merchant_id STRING, device_id STRING, ip STRING,
  amount DECIMAL(18,2), currency STRING, fx_rate DOUBLE, country STRING, channel STRING,
  status STRING, event_time TIMESTAMP, dt STRING
);

CREATE TABLE IF NOT EXISTS ods.ods_login_log (
  login_id STRING, user_id STRING, device_id STRING, ip STRING, phone STRING, result STRING,
  auth_method STRING, user_agent STRING, event_time TIMESTAMP, dt STRING
);

CREATE TABLE IF NOT EXISTS ods.ods_withdrawal_req (
  withdrawal_id STRING, user_id STRING, payee_account STRING, payee_bank STRING, amount DECIMAL(18,2),
  currency STRING, device_id STRING, ip STRING, status STRING, event_time TIMESTAMP, dt STRING
);

CREATE TABLE IF NOT EXISTS ods.ods_user_profile (
  user_id STRING, phone STRING, email STRING, id_card_no STRING, full_name STRING, birth_date STRING,
  country STRING, register_time TIMESTAMP, register_channel STRING, dt STRING
);

CREATE TABLE IF NOT EXISTS ods.ods_device_log (
  device_id STRING, user_id STRING, os STRING, model STRING, is_emulator INT, is_rooted INT,
  fingerprint STRING, ip STRING, event_time TIMESTAMP, dt STRING
);

CREATE TABLE IF NOT EXISTS ods.ods_card_info (
  card_no STRING, user_id STRING, card_bin STRING, issuer_country STRING, card_type STRING,
  bind_time TIMESTAMP, dt STRING
);

CREATE TABLE IF NOT EXISTS ods.ods_merchant_info (
  merchant_id STRING, merchant_name STRING, mcc STRING, country STRING, onboard_time TIMESTAMP,
  risk_level STRING, dt STRING
);

CREATE TABLE IF NOT EXISTS ods.ods_chargeback (
  chargeback_id STRING, txn_id STRING, reason_code STRING, amount DECIMAL(18,2), report_time TIMESTAMP, dt STRING
);

CREATE TABLE IF NOT EXISTS ods.ods_refund (
  refund_id STRING, txn_id STRING, amount DECIMAL(18,2), refund_time TIMESTAMP, dt STRING
);

CREATE TABLE IF NOT EXISTS ods.ods_kyc_record (
  user_id STRING, id_card_no STRING, kyc_level INT, verified_time TIMESTAMP, reviewer STRING, dt STRING
);

CREATE TABLE IF NOT EXISTS ods.ods_ip_geo (
  ip STRING, country STRING, city STRING, is_proxy INT, is_datacenter INT, dt STRING
);

CREATE TABLE IF NOT EXISTS ods.ods_case_review (
  case_id STRING, entity_type STRING, entity_id STRING, verdict STRING, category STRING, closed_time TIMESTAMP, dt STRING
);
