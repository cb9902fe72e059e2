-- ODS -> DWD: withdrawal requests with the requester's KYC level (AML monitoring).
INSERT OVERWRITE TABLE dwd.dwd_withdrawal_di PARTITION (dt = '2025-06-14')
SELECT w.withdrawal_id,
       w.user_id,
       sha2(w.payee_account, 256) AS payee_hash,
       w.payee_bank,
       w.amount,
       w.currency,
       w.device_id,
       w.ip,
       k.kyc_level,
       w.status,
       w.event_time
FROM ods.ods_withdrawal_req w
LEFT JOIN ods.ods_kyc_record k ON w.user_id = k.user_id
WHERE w.dt = '2025-06-14';
