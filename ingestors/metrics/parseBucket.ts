import { isBucketStart, type MetricGranularity } from '../../graph-model/store/operations/recordMetrics.js';

export interface Bucket {
  granularity: MetricGranularity;
  /** ISO-8601, UTC. */
  start: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A timestamp must say its offset: a bare local time would put the bucket wherever the ingest runs. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A metric's time bucket: a date `2026-11-01` is that UTC day (granularity `day`, or none); an
 * ISO timestamp with an offset and a granularity is the hour or day starting then, which must be
 * a UTC bucket boundary. Rounding a misaligned time down would merge two rows into one silently.
 */
export function parseBucket(text: string, granularity: MetricGranularity | undefined): Bucket | { error: string } {
  const date = DATE.exec(text);
  if (date) {
    const start = new Date(`${text}T00:00:00Z`);
    // Date accepts 2026-02-30 by rolling over; a bucket must be the day written.
    if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== text) return { error: `"${text}" is not a valid date` };
    if (granularity === 'hour') return { error: `a date is a day bucket; give a timestamp such as ${text}T00:00:00Z for an hour bucket` };
    return { granularity: 'day', start: start.toISOString() };
  }
  if (!TIMESTAMP.test(text)) return { error: `"${text}" is neither a date (2026-11-01) nor an ISO timestamp with an offset (2026-11-01T10:00:00Z)` };
  const start = new Date(text);
  if (Number.isNaN(start.getTime())) return { error: `"${text}" is not a valid timestamp` };
  if (granularity === undefined) return { error: `a timestamp bucket needs a granularity (hour or day)` };
  if (!isBucketStart(start, granularity)) return { error: `${text} is not the start of a UTC ${granularity}` };
  return { granularity, start: start.toISOString() };
}
