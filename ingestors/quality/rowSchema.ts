import { z } from 'zod';
import { nodeTypeOf, parseTarget } from '../../graph-model/ids.js';
import type { NodeRef } from '../../graph-model/model.js';
import { TEXT_LIMITS, tooLongReason, unstorableReason } from '../../graph-model/storableText.js';
import { QUALITY_OUTCOMES, type QualityOutcome } from '../../graph-model/store/operations/recordQualityResults.js';
import { parseTimestamp } from '../../graph-model/timestamp.js';

/** A row of a quality file once validated (docs/quality.md). */
export interface QualityFileRow {
  target: NodeRef;
  field: string;
  check: string;
  /** ISO-8601, UTC. */
  time: string;
  outcome: QualityOutcome;
  observed?: unknown;
  expected?: unknown;
  message?: string;
  runId?: string;
}

/** The columns (CSV) or keys (JSON) a row may have. */
export const QUALITY_COLUMNS = ['target', 'type', 'namespace', 'name', 'field', 'check', 'time', 'outcome', 'observed', 'expected', 'message', 'run_id'] as const;
export type QualityColumn = (typeof QUALITY_COLUMNS)[number];

/** A row's problem: the column (or key) it is in, and what is wrong. */
export interface RowIssue {
  column: QualityColumn | null;
  message: string;
}

const text = z.string({ error: (issue) => (issue.input === undefined ? 'required' : 'must be text') });
const nonEmpty = text.trim().min(1, 'must not be empty');

const rowShape = z.object({
  target: nonEmpty.optional(),
  type: nonEmpty.optional(),
  namespace: nonEmpty.optional(),
  name: nonEmpty.optional(),
  field: text.trim().optional(),
  check: nonEmpty,
  time: nonEmpty,
  outcome: nonEmpty,
  observed: z.unknown().optional(),
  expected: z.unknown().optional(),
  message: text.optional(),
  run_id: nonEmpty.optional(),
});

type Shape = z.infer<typeof rowShape>;

function targetOf(row: Shape): NodeRef | RowIssue {
  const separate = row.type !== undefined || row.namespace !== undefined || row.name !== undefined;
  if (row.target !== undefined) {
    if (separate) return { column: 'target', message: 'give either target or type/namespace/name, not both' };
    const parsed = parseTarget(row.target);
    return 'error' in parsed ? { column: 'target', message: parsed.error } : parsed;
  }
  if (row.type === undefined || row.namespace === undefined || row.name === undefined) {
    return { column: 'target', message: 'required: target (asset:<namespace>/<name>) or type, namespace and name' };
  }
  const type = nodeTypeOf(row.type);
  if (type === null) return { column: 'type', message: `must be asset or computation, got "${row.type}"` };
  return { type, namespace: row.namespace, name: row.name };
}

/** Validates one row: the row, or every problem found with the column of each. */
export function parseQualityRow(values: Record<string, unknown>): { row: QualityFileRow } | { issues: RowIssue[] } {
  const parsed = rowShape.safeParse(values);
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((issue) => {
        const key = issue.path[0];
        const column = (QUALITY_COLUMNS as readonly unknown[]).includes(key) ? (key as QualityColumn) : null;
        return { column, message: issue.message };
      }),
    };
  }
  const shape = parsed.data;
  const issues: RowIssue[] = [];
  const target = targetOf(shape);
  if ('message' in target) issues.push(target);
  const outcome = shape.outcome.toLowerCase();
  if (!(QUALITY_OUTCOMES as readonly string[]).includes(outcome)) issues.push({ column: 'outcome', message: `must be one of ${QUALITY_OUTCOMES.join(', ')}, got "${shape.outcome}"` });
  const time = parseTimestamp(shape.time);
  if (!time.ok) issues.push({ column: 'time', message: `must be an RFC 3339 time with an offset (2026-11-01T10:00:00Z): ${time.reason}` });
  const checks: [QualityColumn, string | undefined, number | null][] = [
    ['namespace', 'message' in target ? undefined : target.namespace, TEXT_LIMITS.identity],
    ['name', 'message' in target ? undefined : target.name, TEXT_LIMITS.identity],
    ['field', shape.field, TEXT_LIMITS.field],
    ['check', shape.check, TEXT_LIMITS.metric],
    ['run_id', shape.run_id, TEXT_LIMITS.identity],
    ['message', shape.message, null],
  ];
  for (const [column, value, maxBytes] of checks) {
    if (value === undefined) continue;
    const reason = unstorableReason(value) ?? (maxBytes === null ? null : tooLongReason(value, maxBytes));
    if (reason) issues.push({ column, message: reason });
  }
  if (issues.length > 0 || 'message' in target || !time.ok) return { issues };
  const row: QualityFileRow = { target, field: shape.field ?? '', check: shape.check, time: time.iso, outcome: outcome as QualityOutcome };
  if (shape.observed !== undefined) row.observed = shape.observed;
  if (shape.expected !== undefined) row.expected = shape.expected;
  if (shape.message !== undefined) row.message = shape.message;
  if (shape.run_id !== undefined) row.runId = shape.run_id;
  return { row };
}
