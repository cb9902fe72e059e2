import type { AsOf } from '../../model.js';
import { parseTimestamp } from '../../timestamp.js';
import type { Queryable } from '../db.js';
import { DctxError } from '../../dctxError.js';

export class InvalidAsOfError extends DctxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_AS_OF', message, options);
  }
}

/**
 * An asOf time: an RFC 3339 date-time, or a date (the start of that UTC day). Impossible dates
 * (February 30) are refused, not rolled over into the next month.
 */
export function parseAsOfTime(text: string): Date {
  const time = parseTimestamp(text, { date: true });
  if (!time.ok) throw new InvalidAsOfError(`asOf must be a graph version or an ISO-8601 timestamp (RFC 3339, or a date): ${time.reason}`);
  return new Date(time.millis);
}

export async function currentVersion(db: Queryable): Promise<number> {
  const rows = await db.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM changeset');
  return Number(rows[0]!.version);
}

/**
 * A graph version for `asOf`: the latest when omitted; a version as given (0 is the empty graph);
 * a timestamp maps to the last version committed at or before it.
 */
export async function resolveAsOf(db: Queryable, asOf: AsOf): Promise<number> {
  if (asOf === undefined || asOf === null) return currentVersion(db);
  if (typeof asOf === 'number') {
    if (!Number.isInteger(asOf) || asOf < 0) throw new InvalidAsOfError(`asOf version must be a non-negative integer, got ${asOf}`);
    const latest = await currentVersion(db);
    if (asOf > latest) throw new InvalidAsOfError(`asOf version ${asOf} is ahead of the latest graph version ${latest}`);
    return asOf;
  }
  const time = asOf instanceof Date ? asOf : parseAsOfTime(asOf);
  if (Number.isNaN(time.getTime())) throw new InvalidAsOfError(`asOf is not a valid timestamp: "${String(asOf)}"`);
  const rows = await db.query<{ version: number }>(
    'SELECT coalesce(max(version), 0) AS version FROM changeset WHERE committed_at <= $1',
    [time.toISOString()],
  );
  return Number(rows[0]!.version);
}
