import type { Queryable } from '../db.js';
import { windowBounds, type MetricWindow } from './readMetrics.js';
import type { MetricGranularity } from './recordMetrics.js';

export interface MetricTotalsQuery extends MetricWindow {
  metric: string;
  /**
   * Which buckets to add up (default `day`). One granularity only: a source reporting both hours
   * and days of the same traffic would otherwise be counted twice.
   */
  granularity?: MetricGranularity;
  /** Which field's measurements (default `''`, the node itself), for the same reason. */
  field?: string;
}

/**
 * Each node's total of one metric over a window, summed over buckets and sources (sources are
 * taken to measure disjoint things, e.g. two clusters). Nodes with no bucket in the window are
 * absent. Meaningful for counts and costs (evaluations, hits, lookups, cost); not for rates or
 * gauges (QPS, freshness lag). Impact reports and cost attribution read traffic and cost here.
 */
export async function sumMetrics(db: Queryable, query: MetricTotalsQuery): Promise<Map<string, number>> {
  const [from, to] = windowBounds(query);
  const rows = await db.query<{ node_id: string; total: number | string }>(
    `SELECT node_id, sum(value) AS total
       FROM metric
      WHERE metric = $1 AND granularity = $2 AND bucket_start >= $3 AND bucket_start < $4 AND field = $5
      GROUP BY node_id
      ORDER BY node_id`,
    [query.metric, query.granularity ?? 'day', from, to, query.field ?? ''],
  );
  return new Map(rows.map((row) => [row.node_id, Number(row.total)]));
}
