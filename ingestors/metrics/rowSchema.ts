import { z } from 'zod';
import type { NodeRef } from '../../graph-model/model.js';
import { TEXT_LIMITS, tooLongReason, unstorableReason } from '../../graph-model/storableText.js';
import { METRIC_GRANULARITIES } from '../../graph-model/store/operations/recordMetrics.js';
import { parseBucket, type Bucket } from './parseBucket.js';
import { nodeTypeOf, parseTarget } from '../../graph-model/ids.js';

/** A row of a metrics file once validated: a measurement or a tag, on a node or one of its fields. */
export type MetricsFileRow =
  | { kind: 'metric'; target: NodeRef; field: string; metric: string; bucket: Bucket; value: number }
  | { kind: 'tag'; target: NodeRef; field: string; key: string; value: string };

/** Dotted lower-case names such as `rule.evaluations`; other names than the documented ones are allowed. */
const METRIC_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** CSV cells are text, JSON lines may hold numbers: both become a finite number or an issue. */
const numberValue = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const number = typeof value === 'number' ? value : DECIMAL.test(value.trim()) ? Number(value) : Number.NaN;
  if (Number.isFinite(number)) return number;
  ctx.addIssue({ code: 'custom', message: `expected a number, got ${JSON.stringify(value)}` });
  return z.NEVER;
});

const targetColumns = {
  target: nonEmpty.optional(),
  type: nonEmpty.optional(),
  namespace: nonEmpty.optional(),
  name: nonEmpty.optional(),
  field: z.string().trim().optional(),
};

const metricRow = z.object({
  kind: z.literal('metric'),
  ...targetColumns,
  metric: z.string().trim().regex(METRIC_NAME, 'must be a dotted lower-case name such as rule.evaluations'),
  bucket: nonEmpty,
  granularity: z.enum(METRIC_GRANULARITIES, { error: 'must be hour or day' }).optional(),
  value: numberValue,
});

const tagRow = z.object({
  kind: z.literal('tag'),
  ...targetColumns,
  key: nonEmpty,
  value: nonEmpty,
});

type TargetColumns = { target?: string; type?: string; namespace?: string; name?: string };

/** The node a row is about: `target`, or `type` + `namespace` + `name`, never both. */
function resolveTarget(row: TargetColumns): NodeRef | { error: string; path: string } {
  const separate = row.type !== undefined || row.namespace !== undefined || row.name !== undefined;
  if (row.target !== undefined) {
    if (separate) return { error: 'give either target or type/namespace/name, not both', path: 'target' };
    const parsed = parseTarget(row.target);
    return 'error' in parsed ? { ...parsed, path: 'target' } : parsed;
  }
  if (row.type === undefined || row.namespace === undefined || row.name === undefined) {
    return { error: 'required: target (asset:<namespace>/<name>) or type, namespace and name', path: 'target' };
  }
  const type = nodeTypeOf(row.type);
  if (type === null) return { error: `must be asset or computation, got "${row.type}"`, path: 'type' };
  return { type, namespace: row.namespace, name: row.name };
}

/** The first string of a row the store cannot hold or index, with its column. */
function unstorable(row: MetricsFileRow): { path: string; message: string } | null {
  const checks: [string, string, number][] = [
    ['namespace', row.target.namespace, TEXT_LIMITS.identity],
    ['name', row.target.name, TEXT_LIMITS.identity],
    ['field', row.field, TEXT_LIMITS.field],
    ...(row.kind === 'tag'
      ? ([['key', row.key, TEXT_LIMITS.tagKey], ['value', row.value, TEXT_LIMITS.tagValue]] as [string, string, number][])
      : ([['metric', row.metric, TEXT_LIMITS.metric]] as [string, string, number][])),
  ];
  for (const [path, value, maxBytes] of checks) {
    const reason = unstorableReason(value) ?? tooLongReason(value, maxBytes);
    if (reason) return { path, message: reason };
  }
  return null;
}

export const metricsFileRowSchema = z
  .discriminatedUnion('kind', [metricRow, tagRow], { error: 'kind must be metric or tag' })
  .transform((row, ctx): MetricsFileRow => {
    const target = resolveTarget(row);
    if ('error' in target) {
      ctx.addIssue({ code: 'custom', message: target.error, path: [target.path] });
      return z.NEVER;
    }
    const field = row.field ?? '';
    let parsed: MetricsFileRow;
    if (row.kind === 'tag') parsed = { kind: 'tag', target, field, key: row.key, value: row.value };
    else {
      const bucket = parseBucket(row.bucket, row.granularity);
      if ('error' in bucket) {
        ctx.addIssue({ code: 'custom', message: bucket.error, path: ['bucket'] });
        return z.NEVER;
      }
      parsed = { kind: 'metric', target, field, metric: row.metric, bucket, value: row.value };
    }
    const bad = unstorable(parsed);
    if (bad) {
      ctx.addIssue({ code: 'custom', message: bad.message, path: [bad.path] });
      return z.NEVER;
    }
    return parsed;
  });

/** A row's issues as one message: `value: expected a number, got "n/a"; bucket: ...`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}
