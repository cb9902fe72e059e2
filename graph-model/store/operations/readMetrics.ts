import { parseTimestamp } from '../../timestamp.js';
import type { Queryable } from '../db.js';
import type { MetricGranularity } from './recordMetrics.js';
import { DctxError } from '../../dctxError.js';

/** A stored measurement. */
export interface MetricValue {
  nodeId: string;
  /** `''` for the node itself. */
  field: string;
  metric: string;
  granularity: MetricGranularity;
  /** ISO-8601, UTC. */
  bucketStart: string;
  value: number;
  source: string;
  /** The graph version current when this value was recorded. */
  recordedVersion: number;
}

/** A window of buckets: a bucket is in it when its start is at or after `from` and before `to`. */
export interface MetricWindow {
  from: string | Date;
  to: string | Date;
}

export interface MetricQuery extends MetricWindow {
  metric?: string;
  granularity?: MetricGranularity;
  /** Only this field (`''`: the node itself); all fields when omitted. */
  field?: string;
}

export class InvalidMetricQueryError extends DctxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_METRIC_QUERY', message, options);
  }
}

/** The window's bounds as ISO strings, refusing what is not a time rather than reading nothing. */
export function windowBounds(window: MetricWindow): [string, string] {
  const bound = (name: string, value: string | Date) => {
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw new InvalidMetricQueryError(`${name} is not a valid time`);
      return value.toISOString();
    }
    const time = parseTimestamp(value, { date: true });
    if (!time.ok) throw new InvalidMetricQueryError(`${name} is not a valid time: ${time.reason}`);
    return time.iso;
  };
  return [bound('from', window.from), bound('to', window.to)];
}

interface MetricRow {
  node_id: string;
  field: string;
  metric: string;
  granularity: MetricGranularity;
  bucket_start: Date | string;
  value: number | string;
  source: string;
  recorded_version: number | string;
}

/** A node's measurements in a window, by metric, field, granularity, time and source (byte order on both engines). */
export async function readMetrics(db: Queryable, nodeId: string, query: MetricQuery): Promise<MetricValue[]> {
  const [from, to] = windowBounds(query);
  const rows = await db.query<MetricRow>(
    `SELECT node_id, field, metric, granularity, bucket_start, value, source, recorded_version
       FROM metric
      WHERE node_id = $1 AND bucket_start >= $2 AND bucket_start < $3
        AND ($4::text IS NULL OR metric = $4)
        AND ($5::text IS NULL OR granularity = $5)
        AND ($6::text IS NULL OR field = $6)
      ORDER BY metric COLLATE "C", field COLLATE "C", granularity, bucket_start, source COLLATE "C"`,
    [nodeId, from, to, query.metric ?? null, query.granularity ?? null, query.field ?? null],
  );
  return rows.map((row) => ({
    nodeId: row.node_id,
    field: row.field,
    metric: row.metric,
    granularity: row.granularity,
    bucketStart: new Date(row.bucket_start).toISOString(),
    value: Number(row.value),
    source: row.source,
    recordedVersion: Number(row.recorded_version),
  }));
}
