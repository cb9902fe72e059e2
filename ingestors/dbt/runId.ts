import { createHash } from 'node:crypto';

/** The UUID namespace of dbt run ids made by this ingestor (a constant, so ids are stable everywhere). */
const DBT_RUN_NAMESPACE = '3f0f5a52-9d5e-4b8e-9c7a-6a0d2f1e8b47';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

/** RFC 4122 version-5 UUID: the same name always gives the same id, in the UUID shape other run ids have. */
function uuidV5(name: string, namespace: string): string {
  const bytes = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * dbt has one invocation id per `dbt run` and no id per node execution; the pair identifies one
 * execution, so re-reading the same run_results.json gives the same run ids.
 */
export function dbtRunId(invocationId: string, uniqueId: string): string {
  return uuidV5(`${invocationId}\u0000${uniqueId}`, DBT_RUN_NAMESPACE);
}
