import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo-like OpenLineage events the Marquez API tests feed (test/fixtures/marquez/events.json). */
export const EVENTS: Record<string, unknown>[] = JSON.parse(
  readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/marquez/events.json'), 'utf8'),
);

export const WAREHOUSE = 'hive://warehouse';
export const JOBS = 'airflow://risk';
export const JOIN_JOB = 'dwd.dwd_txn_card.insert';
export const DAILY_JOB = 'dws.dws_card_daily.insert';
export const RUN_JOINED = '0191f0a0-0000-7000-8000-000000000001';
export const RUN_DAILY = '0191f0a0-0000-7000-8000-000000000002';
export const RUN_FAILED = '0191f0a0-0000-7000-8000-000000000003';

/**
 * Posts the events one request each, as schedulers send them; the graph version after each (an
 * event that only moves a run's state makes none: runs alone create no version).
 */
export async function postEvents(base: string, headers: Record<string, string> = {}): Promise<number[]> {
  const after: number[] = [];
  for (const event of EVENTS) {
    const res = await fetch(`${base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(event) });
    if (res.status !== 201) throw new Error(`POST /api/v1/lineage answered ${res.status}: ${await res.text()}`);
    after.push(((await res.json()) as { version: number }).version);
  }
  return after;
}
