-- Dimensions: one row per user, device, card and merchant (full snapshots, daily).
INSERT OVERWRITE TABLE dim.dim_user
SELECT u.user_id,
       md5(u.phone) AS phone_hash,
       md5(u.id_card_no) AS id_card_hash,
       u.country,
       u.register_channel,
       datediff('2025-06-14', to_date(u.register_time)) AS account_age_days,
       COALESCE(k.kyc_level, 0) AS kyc_level
FROM ods.ods_user_profile u
LEFT JOIN ods.ods_kyc_record k ON u.user_id = k.user_id;

INSERT OVERWRITE TABLE dim.dim_device
SELECT device_id,
       MAX(is_emulator) AS is_emulator,
       MAX(is_rooted) AS is_rooted,
       MIN(first_seen_time) AS first_seen_time,
       COUNT(DISTINCT user_id) AS user_cnt_total
FROM dwd.dwd_user_device_di
GROUP BY device_id;

INSERT OVERWRITE TABLE dim.dim_card
SELECT sha2(card_no, 256) AS card_hash,
       card_bin,
       issuer_country,
       card_type,
       datediff('2025-06-14', to_date(bind_time)) AS card_age_days
FROM ods.ods_card_info;

INSERT OVERWRITE TABLE dim.dim_merchant
SELECT merchant_id,
       mcc,
       country,
       risk_level,
       datediff('2025-06-14', to_date(onboard_time)) AS merchant_age_days
FROM ods.ods_merchant_info;
