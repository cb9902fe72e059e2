import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { parseTimestamp } from '../../graph-model/timestamp.js';
import { ErrorCode, clientError } from './errors.js';

export interface Window {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
/** Reports over traffic and cost look at the last week unless told otherwise. */
export const DEFAULT_WINDOW_DAYS = 7;

/**
 * The window of a report: as given, else the 7 days up to the end of the newest metric bucket
 * stored (metrics arrive in batches, often days late: "now" would often hold nothing), else up to now.
 */
export async function windowOf(store: GraphStore, from: string | null | undefined, to: string | null | undefined): Promise<Window> {
  // Both bounds are read before the store is asked anything: a bad one is the caller's to fix.
  const given = (argument: 'from' | 'to', value: string | null | undefined): Date | null => {
    if (!value) return null;
    const time = parseTimestamp(value, { date: true });
    if (!time.ok) throw clientError(ErrorCode.BAD_USER_INPUT, `${argument} is not an RFC 3339 time or a date: ${time.reason}`, { argument });
    return new Date(time.millis);
  };
  const givenFrom = given('from', from);
  let end = given('to', to);
  if (!end) {
    const latest = await store.latestMetricBucket();
    end = latest ? new Date(Date.parse(latest) + DAY_MS) : new Date();
  }
  const start = givenFrom ?? new Date(end.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
  if (start >= end) throw clientError(ErrorCode.BAD_USER_INPUT, 'from must be before to', { argument: 'from' });
  return { from: start.toISOString(), to: end.toISOString() };
}

export function windowDays(window: Window): number {
  return (Date.parse(window.to) - Date.parse(window.from)) / DAY_MS;
}

/** What a node costs, summed: its compute and its storage. */
export const COST_METRICS = ['cost.compute', 'cost.storage'] as const;

export async function totalsOf(store: GraphStore, metrics: readonly string[], window: Window): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const metric of metrics) {
    for (const [id, value] of await store.metricTotals({ metric, from: window.from, to: window.to })) {
      totals.set(id, (totals.get(id) ?? 0) + value);
    }
  }
  return totals;
}
