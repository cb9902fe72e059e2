import { basename } from 'node:path';
import { nodeId } from '../../graph-model/ids.js';
import type { Changeset, TagAssertion } from '../../graph-model/model.js';
import type { MetricPoint, RecordMetricsResult } from '../../graph-model/store/operations/recordMetrics.js';
import type { IngestBatch, IngestContext, IngestError, Ingestor } from '../contract.js';
import { KnownTargets } from './knownTargets.js';
import { readMetricsFile } from './readMetricsFile.js';
import { describeIssues, metricsFileRowSchema, type MetricsFileRow } from './rowSchema.js';

/** A path to a `.csv`, `.jsonl` or `.ndjson` file of metrics and tags (docs/metrics.md). */
export type MetricsInput = string;

export interface MetricsIngestorOptions {
  /** Told what recording the file's metrics changed (the changeset report only covers tags). */
  onMetricsRecorded?(result: RecordMetricsResult): void;
}

const PROGRESS_EVERY = 1_000;

/** The source a file's metrics and tags belong to: `metrics:<file name>`. */
export function metricsSourceId(path: MetricsInput): string {
  return `metrics:${basename(path)}`;
}

/**
 * Metrics and tags from a file. Tags are graph facts: the file's tags are one FULL changeset of
 * its source, so a tag line removed from the file is retracted at the next ingest. Metrics are
 * measurements, not graph facts (no version, no retraction): they cannot travel in a changeset,
 * so they go with the batch for the core to record before it commits the tags, upserting by
 * bucket so that re-ingesting the file changes nothing. A row naming a node or field that is not
 * in the graph, or that does not validate, is an ingest error at `file:line` and is left out;
 * the other rows are recorded. When the file cannot be read to its end the tags are not synced
 * (a full changeset missing the unread rows would retract their tags); its readable metrics are.
 */
export function metricsIngestor(options: MetricsIngestorOptions = {}): Ingestor<MetricsInput> {
  return {
    kind: 'metrics',
    sourceId: metricsSourceId,
    async *read(path: MetricsInput, context: IngestContext): AsyncIterable<IngestBatch> {
      const source = metricsSourceId(path);
      const file = await readMetricsFile(path);
      const errors: IngestError[] = [...file.errors];
      const total = file.rows.length;
      context.progress?.(0, total);

      const rows: { row: MetricsFileRow; location: string }[] = [];
      file.rows.forEach((raw, i) => {
        const parsed = metricsFileRowSchema.safeParse(raw.values);
        if (parsed.success) rows.push({ row: parsed.data, location: raw.location });
        else errors.push({ location: raw.location, message: describeIssues(parsed.error) });
        if ((i + 1) % PROGRESS_EVERY === 0) context.progress?.(i + 1, total);
      });

      const known = await KnownTargets.load(context.store, rows.map(({ row }) => row.target));
      const points: MetricPoint[] = [];
      const tags: TagAssertion[] = [];
      const firstSeen = new Map<string, string>();
      for (const { row, location } of rows) {
        const problem = known.problem(row.target, row.field);
        if (problem !== null) {
          errors.push({ location, message: `${problem}; the ${row.kind} is left out`, node: row.target });
          continue;
        }
        const id = nodeId(row.target.type, row.target.namespace, row.target.name);
        if (row.kind === 'tag') {
          const key = JSON.stringify(['tag', id, row.field, row.key, row.value]);
          if (firstSeen.has(key)) continue; // the same tag twice asserts it once
          firstSeen.set(key, location);
          tags.push({ target: row.target, ...(row.field ? { field: row.field } : {}), key: row.key, value: row.value });
          continue;
        }
        const key = JSON.stringify(['metric', id, row.field, row.metric, row.bucket.granularity, row.bucket.start]);
        const first = firstSeen.get(key);
        if (first !== undefined) {
          // Which of two values for one bucket is right cannot be told: keep the first, say so.
          errors.push({ location, message: `a second value for ${row.metric} of the same node, field and bucket as ${first}; the first is kept`, node: row.target });
          continue;
        }
        firstSeen.set(key, location);
        points.push({ nodeId: id, field: row.field, metric: row.metric, granularity: row.bucket.granularity, bucketStart: row.bucket.start, value: row.value });
      }

      context.progress?.(total, total);

      let changeset: Changeset = { source, mode: 'full', tags };
      if (!file.complete) {
        changeset = { source, mode: 'delta' };
        errors.push({ location: path, message: 'the file could not be read to its end: its tags were not synced (its readable metrics were recorded)' });
      }
      yield { changeset, errors, metrics: { points, onRecorded: (recorded) => options.onMetricsRecorded?.(recorded) } };
    },
  };
}
