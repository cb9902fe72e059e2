-- ODS -> DWD: login attempts with the device and the IP's geography.
INSERT OVERWRITE TABLE dwd.dwd_login_di PARTITION (dt = '2025-06-14')
SELECT l.login_id,
       l.user_id,
       l.device_id,
       l.ip,
       g.country AS ip_country,
       g.is_proxy,
       g.is_datacenter,
       d.is_emulator,
       d.is_rooted,
       l.auth_method,
       CASE WHEN l.result = 'SUCCESS' THEN 1 ELSE 0 END AS is_success,
       l.event_time
FROM ods.ods_login_log l
LEFT JOIN ods.ods_ip_geo g ON l.ip = g.ip
LEFT JOIN ods.ods_device_log d ON l.device_id = d.device_id AND l.user_id = d.user_id
WHERE l.dt = '2025-06-14';

-- Which users each device has been seen with (account farming, shared devices).
INSERT OVERWRITE TABLE dwd.dwd_user_device_di PARTITION (dt = '2025-06-14')
SELECT d.device_id,
       d.user_id,
       d.os,
       d.is_emulator,
       d.is_rooted,
       MIN(d.event_time) AS first_seen_time,
       MAX(d.event_time) AS last_seen_time
FROM ods.ods_device_log d
WHERE d.dt = '2025-06-14'
GROUP BY d.device_id, d.user_id, d.os, d.is_emulator, d.is_rooted;
