import { TEXT_LIMITS, tooLongReason, unstorableReason } from '../../storableText.js';
import { parseTimestamp } from '../../timestamp.js';
import type { Db } from '../db.js';
import { METRIC_STAGING, type MetricStagingInsert } from '../tables.js';
import { currentVersion } from './resolveAsOf.js';
import { DctxError } from '../../dctxError.js';

/** Buckets are aligned in UTC: an hour bucket starts on the hour, a day bucket at 00:00 UTC. */
export const METRIC_GRANULARITIES = ['hour', 'day'] as const;
export type MetricGranularity = (typeof METRIC_GRANULARITIES)[number];

/** One measurement of a node (or of one of its fields) over one time bucket. */
export interface MetricPoint {
  nodeId: string;
  /** A field of the node; omitted or `''` for the node itself. */
  field?: string;
  /** e.g. `rule.evaluations`, `cost.compute` (see docs/metrics.md). */
  metric: string;
  granularity: MetricGranularity;
  /** The bucket's start, aligned to its granularity in UTC. */
  bucketStart: string | Date;
  value: number;
}

export interface RecordMetricsResult {
  /** The graph version current when recorded, stamped on new and changed values. */
  version: number;
  /** Buckets this source had no value for before. */
  inserted: number;
  /** Buckets whose value this call changed (the latest report from a source wins). */
  updated: number;
  /** Buckets that already held the same value: re-ingesting a file changes nothing. */
  unchanged: number;
}

/** A point the store cannot hold; ingestors validate their input first, so this is a caller's bug. */
export class InvalidMetricPointError extends DctxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_METRIC_POINT', message, options);
  }
}

const MS_PER: Record<MetricGranularity, number> = { hour: 3_600_000, day: 86_400_000 };

/** True when `time` is the start of a `granularity` bucket in UTC. */
export function isBucketStart(time: Date, granularity: MetricGranularity): boolean {
  return time.getTime() % MS_PER[granularity] === 0;
}

/** A Date as is (when valid); a string through the one strict parser (RFC 3339, or a date for its UTC midnight). */
function timeOf(value: string | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const time = parseTimestamp(value, { date: true });
  return time.ok ? new Date(time.millis) : null;
}


function stagingRow(point: MetricPoint, index: number): MetricStagingInsert {
  const where = `metric point ${index} (${point.nodeId} ${point.metric})`;
  if (!point.nodeId || !point.metric) throw new InvalidMetricPointError(`${where}: nodeId and metric are required`);
  for (const [what, text, maxBytes] of [['metric', point.metric, TEXT_LIMITS.metric], ['field', point.field ?? '', TEXT_LIMITS.field]] as const) {
    const reason = unstorableReason(text) ?? tooLongReason(text, maxBytes);
    if (reason) throw new InvalidMetricPointError(`${where}: ${what} ${reason}`);
  }
  if (!(METRIC_GRANULARITIES as readonly string[]).includes(point.granularity)) {
    throw new InvalidMetricPointError(`${where}: granularity must be hour or day, got ${String(point.granularity)}`);
  }
  const start = timeOf(point.bucketStart);
  if (start === null) throw new InvalidMetricPointError(`${where}: bucketStart is not a time: ${String(point.bucketStart)}`);
  if (!isBucketStart(start, point.granularity)) {
    throw new InvalidMetricPointError(`${where}: ${start.toISOString()} is not the start of a UTC ${point.granularity}`);
  }
  if (typeof point.value !== 'number' || !Number.isFinite(point.value)) {
    throw new InvalidMetricPointError(`${where}: value must be a finite number, got ${String(point.value)}`);
  }
  return { node_id: point.nodeId, field: point.field ?? '', metric: point.metric, granularity: point.granularity, bucket_start: start.toISOString(), value: point.value };
}

/**
 * Upserts a source's measurements. Metrics are not graph facts: they create no graph version and
 * have no validity interval; a bucket's value from a source is simply replaced by the latest one.
 * Points are bulk-loaded into a staging table (COPY on PGlite, unnest on PostgreSQL) and merged
 * with one INSERT ... ON CONFLICT DO UPDATE, which skips rows whose value did not change so that
 * re-ingesting a file rewrites nothing. Within one call a later point for the same bucket wins
 * (ON CONFLICT cannot touch one row twice, so duplicates are dropped here first).
 */
export async function recordMetrics(db: Db, source: string, points: readonly MetricPoint[]): Promise<RecordMetricsResult> {
  if (!source) throw new InvalidMetricPointError('a metric source is required');
  const latest = new Map<string, MetricStagingInsert>();
  points.forEach((point, i) => {
    const row = stagingRow(point, i);
    latest.set(JSON.stringify([row.node_id, row.field, row.metric, row.granularity, row.bucket_start]), row);
  });
  const rows = [...latest.values()];
  return db.transaction(async (tx) => {
    const version = await currentVersion(tx);
    if (rows.length === 0) return { version, inserted: 0, updated: 0, unchanged: 0 };
    await tx.exec(`CREATE TEMP TABLE metric_staging (
      node_id text NOT NULL, field text NOT NULL, metric text NOT NULL, granularity text NOT NULL,
      bucket_start timestamptz NOT NULL, value double precision NOT NULL) ON COMMIT DROP`);
    await tx.bulkInsert(METRIC_STAGING, rows);
    // xmax = 0 tells a freshly inserted row from one the ON CONFLICT branch updated.
    const [counts] = await tx.query<{ inserted: string | number; updated: string | number }>(
      `WITH upserted AS (
         INSERT INTO metric AS m (node_id, field, metric, granularity, bucket_start, value, source, recorded_version)
         SELECT node_id, field, metric, granularity, bucket_start, value, $1, $2 FROM metric_staging
         ON CONFLICT (node_id, field, metric, granularity, bucket_start, source) DO UPDATE
           SET value = excluded.value, recorded_version = excluded.recorded_version, recorded_at = now()
           WHERE m.value IS DISTINCT FROM excluded.value
         RETURNING (xmax = 0) AS inserted)
       SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM upserted`,
      [source, version],
    );
    const inserted = Number(counts?.inserted ?? 0);
    const updated = Number(counts?.updated ?? 0);
    return { version, inserted, updated, unchanged: rows.length - inserted - updated };
  });
}
