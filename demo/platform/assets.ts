/** The streams, warehouse tables and online stores the demo's features and models read and write. */
export const WAREHOUSE = 'hive://warehouse';
export const KAFKA = 'kafka://risk-prod';
export const REDIS = 'redis://risk-online';

export const STREAMS = {
  payments: `${KAFKA}/payments.transactions`,
  logins: `${KAFKA}/logins.attempts`,
  withdrawals: `${KAFKA}/withdrawals.requests`,
  devices: `${KAFKA}/devices.fingerprints`,
} as const;

export const ONLINE_STORES = {
  user: `${REDIS}/user_features`,
  card: `${REDIS}/card_features`,
  device: `${REDIS}/device_features`,
  ip: `${REDIS}/ip_features`,
  merchant: `${REDIS}/merchant_features`,
  payee: `${REDIS}/payee_features`,
} as const;

export type Entity = keyof typeof ONLINE_STORES;

/** A warehouse table as a catalog reference (`hive://warehouse/db.table`). */
export const table = (name: string): string => `${WAREHOUSE}/${name}`;
