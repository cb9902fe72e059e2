import { DctxError } from '../../dctxError.js';
import { MAX_NESTING, TEXT_LIMITS, tooLongReason, unstorableReason } from '../../storableText.js';
import { parseTimestamp } from '../../timestamp.js';
import type { Db } from '../db.js';
import { currentVersion } from './resolveAsOf.js';

/** pass, fail, warn (a failure rated a warning), error (the check could not run), measured (a value with no verdict). */
export const QUALITY_OUTCOMES = ['pass', 'fail', 'warn', 'error', 'measured'] as const;
export type QualityOutcome = (typeof QUALITY_OUTCOMES)[number];

/** One result of one check on a node (or one of its fields) at one time. */
export interface QualityResultInput {
  nodeId: string;
  /** A field of the node; omitted or `''` for the node itself. */
  field?: string;
  /** The check's name as its checker calls it: `not_null_orders_order_id`, `rowCount`. */
  check: string;
  /** When the check ran (its end), ISO-8601 with an offset, or a Date. */
  observedAt: string | Date;
  outcome: QualityOutcome;
  /** What the check saw (a failing-row count, a null count...): any JSON value. */
  observed?: unknown;
  /** What it expected, when the checker says. */
  expected?: unknown;
  message?: string;
  /** The run that produced it (a dbt invocation's test, an OpenLineage run id). */
  runId?: string;
}

export interface RecordQualityResult {
  /** The graph version current when recorded, stamped on new and changed rows. */
  version: number;
  inserted: number;
  /** Rows whose values this call changed (the latest report of a source wins). */
  updated: number;
  /** Rows already held with the same values: re-ingesting a file changes nothing. */
  unchanged: number;
}

/** A result the store cannot hold; ingestors validate their input first, so this is a caller's bug. */
export class InvalidQualityResultError extends DctxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_QUALITY_RESULT', message, options);
  }
}

interface Row {
  node_id: string;
  field: string;
  check_name: string;
  observed_at: string;
  outcome: QualityOutcome;
  observed: string | null;
  expected: string | null;
  message: string | null;
  run_id: string | null;
}

function depth(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let deepest = 0;
  for (const item of Object.values(value)) deepest = Math.max(deepest, depth(item));
  return deepest + 1;
}

/** A JSON value as text for a jsonb parameter, or null; refuses what JSON or the store cannot hold. */
function jsonOf(where: string, what: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && !Number.isFinite(value)) throw new InvalidQualityResultError(`${where}: ${what} must be a finite number, got ${value}`);
  const text = JSON.stringify(value);
  if (text === undefined) throw new InvalidQualityResultError(`${where}: ${what} is not a JSON value`);
  const reason = unstorableReason(text);
  if (reason) throw new InvalidQualityResultError(`${where}: ${what} ${reason}`);
  if (depth(value) > MAX_NESTING) throw new InvalidQualityResultError(`${where}: ${what} nests deeper than ${MAX_NESTING} levels`);
  return text;
}

function rowOf(result: QualityResultInput, index: number): Row {
  const where = `quality result ${index} (${result.nodeId} ${result.check})`;
  if (!result.nodeId || !result.check) throw new InvalidQualityResultError(`${where}: nodeId and check are required`);
  const texts: [string, string, number][] = [
    ['check', result.check, TEXT_LIMITS.metric],
    ['field', result.field ?? '', TEXT_LIMITS.field],
    ['runId', result.runId ?? '', TEXT_LIMITS.identity],
  ];
  for (const [what, text, maxBytes] of texts) {
    const reason = unstorableReason(text) ?? tooLongReason(text, maxBytes);
    if (reason) throw new InvalidQualityResultError(`${where}: ${what} ${reason}`);
  }
  if (result.message !== undefined) {
    const reason = unstorableReason(result.message);
    if (reason) throw new InvalidQualityResultError(`${where}: message ${reason}`);
  }
  if (!(QUALITY_OUTCOMES as readonly string[]).includes(result.outcome)) {
    throw new InvalidQualityResultError(`${where}: outcome must be one of ${QUALITY_OUTCOMES.join(', ')}, got ${String(result.outcome)}`);
  }
  let observedAt: string;
  if (result.observedAt instanceof Date) {
    if (Number.isNaN(result.observedAt.getTime())) throw new InvalidQualityResultError(`${where}: observedAt is not a valid time`);
    observedAt = result.observedAt.toISOString();
  } else {
    const time = parseTimestamp(result.observedAt);
    if (!time.ok) throw new InvalidQualityResultError(`${where}: observedAt ${time.reason}`);
    observedAt = time.iso;
  }
  return {
    node_id: result.nodeId,
    field: result.field ?? '',
    check_name: result.check,
    observed_at: observedAt,
    outcome: result.outcome,
    observed: jsonOf(where, 'observed', result.observed),
    expected: jsonOf(where, 'expected', result.expected),
    message: result.message ?? null,
    run_id: result.runId ?? null,
  };
}

/**
 * Records a source's quality results in one transaction: all of them or none. A result already
 * held for the same check, source and time is replaced when its values differ and left alone when
 * they do not, so re-ingesting a file rewrites nothing; within one call a later result for the
 * same check and time wins (ON CONFLICT cannot touch one row twice). No graph version is created.
 * The commit notifies `dctx_quality` with the version, for listeners that react to new results.
 */
export async function recordQualityResults(db: Db, source: string, results: readonly QualityResultInput[]): Promise<RecordQualityResult> {
  if (!source) throw new InvalidQualityResultError('a quality result source is required');
  const sourceReason = unstorableReason(source) ?? tooLongReason(source, TEXT_LIMITS.identity);
  if (sourceReason) throw new InvalidQualityResultError(`source ${sourceReason}`);
  const latest = new Map<string, Row>();
  results.forEach((result, i) => {
    const row = rowOf(result, i);
    latest.set(JSON.stringify([row.node_id, row.field, row.check_name, row.observed_at]), row);
  });
  const rows = [...latest.values()];
  return db.transaction(async (tx) => {
    const version = await currentVersion(tx);
    if (rows.length === 0) return { version, inserted: 0, updated: 0, unchanged: 0 };
    const column = <K extends keyof Row>(key: K) => rows.map((row) => row[key]);
    // xmax = 0 tells a freshly inserted row from one the ON CONFLICT branch updated.
    const [counts] = await tx.query<{ inserted: string | number; updated: string | number }>(
      `WITH upserted AS (
         INSERT INTO quality_result AS q (node_id, field, check_name, source, observed_at, outcome, observed, expected, message, run_id, recorded_version)
         SELECT node_id, field, check_name, $1, observed_at, outcome, observed, expected, message, run_id, $2
           FROM unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::jsonb[], $9::jsonb[], $10::text[], $11::text[])
             AS t(node_id, field, check_name, observed_at, outcome, observed, expected, message, run_id)
         ON CONFLICT (node_id, field, check_name, source, observed_at) DO UPDATE
           SET outcome = excluded.outcome, observed = excluded.observed, expected = excluded.expected,
               message = excluded.message, run_id = excluded.run_id,
               recorded_version = excluded.recorded_version, recorded_at = now(), seq = nextval(pg_get_serial_sequence('quality_result', 'seq'))
           WHERE (q.outcome, q.observed, q.expected, q.message, q.run_id) IS DISTINCT FROM
                 (excluded.outcome, excluded.observed, excluded.expected, excluded.message, excluded.run_id)
         RETURNING (xmax = 0) AS inserted)
       SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM upserted`,
      [
        source,
        version,
        column('node_id'),
        column('field'),
        column('check_name'),
        column('observed_at'),
        column('outcome'),
        column('observed'),
        column('expected'),
        column('message'),
        column('run_id'),
      ],
    );
    const inserted = Number(counts?.inserted ?? 0);
    const updated = Number(counts?.updated ?? 0);
    if (inserted + updated > 0) await tx.query(`SELECT pg_notify('dctx_quality', $1)`, [String(version)]);
    return { version, inserted, updated, unchanged: rows.length - inserted - updated };
  });
}
