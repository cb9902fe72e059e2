import { isBucketStart, type MetricGranularity } from '../../graph-model/store/operations/recordMetrics.js';
import { parseTimestamp } from '../../graph-model/timestamp.js';

export interface Bucket {
  granularity: MetricGranularity;
  /** ISO-8601, UTC. */
  start: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A timestamp must say its offset: a bare local time would put the bucket wherever the ingest runs. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A metric's time bucket: a date `2026-11-01` is that UTC day (granularity `day`, or none); an
 * ISO timestamp with an offset and a granularity is the hour or day starting then, which must be
 * a UTC bucket boundary. Rounding a misaligned time down would merge two rows into one silently.
 */
export function parseBucket(text: string, granularity: MetricGranularity | undefined): Bucket | { error: string } {
  if (DATE.test(text)) {
    const day = parseTimestamp(text, { date: true });
    if (!day.ok) return { error: `"${text}" is not a valid date: ${day.why}` };
    if (granularity === 'hour') return { error: `a date is a day bucket; give a timestamp such as ${text}T00:00:00Z for an hour bucket` };
    return { granularity: 'day', start: day.iso };
  }
  if (!TIMESTAMP.test(text)) return { error: `"${text}" is neither a date (2026-11-01) nor an ISO timestamp with an offset (2026-11-01T10:00:00Z)` };
  // The shape says an offset is there; the parser refuses what the calendar does not have.
  const time = parseTimestamp(text, { form: 'lenient' });
  if (!time.ok) return { error: `"${text}" is not a valid timestamp: ${time.why}` };
  const start = new Date(time.millis);
  if (granularity === undefined) return { error: `a timestamp bucket needs a granularity (hour or day)` };
  if (!isBucketStart(start, granularity)) return { error: `${text} is not the start of a UTC ${granularity}` };
  return { granularity, start: start.toISOString() };
}
