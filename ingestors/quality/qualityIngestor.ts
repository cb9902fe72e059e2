import { basename } from 'node:path';
import { nodeId } from '../../graph-model/ids.js';
import type { QualityResultInput, RecordQualityResult } from '../../graph-model/store/operations/recordQualityResults.js';
import type { IngestBatch, IngestContext, IngestError, Ingestor } from '../contract.js';
import { KnownTargets } from '../metrics/knownTargets.js';
import { readQualityFile } from './readQualityFile.js';
import { parseQualityRow, type QualityFileRow } from './rowSchema.js';

export interface QualityInput {
  /** A `.csv` or `.json` file of quality results (docs/quality.md). */
  path: string;
  /** The source the results belong to, `quality:<source>`; the file's name when omitted. */
  source?: string;
}

export interface QualityIngestorOptions {
  onRecorded?(result: RecordQualityResult): void;
}

/** The source of a file's results: `quality:<--source>` or `quality:<file name>`. */
export function qualitySourceId(input: QualityInput): string {
  return `quality:${input.source ?? basename(input.path)}`;
}

/**
 * Quality results from a file of our own format, for checkers that are neither dbt nor OpenLineage
 * producers. A file is all or nothing: one bad row (a cell that does not validate, a node or field
 * not in the graph, a check reported twice for one time) and nothing of it is recorded, with every
 * problem named by line and column (CSV) or JSON path. Results are observations, not graph facts:
 * they create no graph version, and re-ingesting a file records nothing new.
 */
export function qualityIngestor(options: QualityIngestorOptions = {}): Ingestor<QualityInput> {
  return {
    kind: 'quality',
    sourceId: qualitySourceId,
    async *read(input: QualityInput, context: IngestContext): AsyncIterable<IngestBatch> {
      const source = qualitySourceId(input);
      const file = await readQualityFile(input.path);
      const errors: IngestError[] = [...file.errors];
      context.progress?.(0, file.rows.length);

      const rows: { row: QualityFileRow; location: string; cellLocation: (typeof file.rows)[number]['cellLocation'] }[] = [];
      for (const raw of file.rows) {
        const parsed = parseQualityRow(raw.values);
        if ('row' in parsed) rows.push({ row: parsed.row, location: raw.location, cellLocation: raw.cellLocation });
        else for (const issue of parsed.issues) errors.push({ location: raw.cellLocation(issue.column), message: issue.column ? `${issue.column}: ${issue.message}` : issue.message });
      }

      const known = await KnownTargets.load(context.store, rows.map(({ row }) => row.target));
      const results: QualityResultInput[] = [];
      const firstSeen = new Map<string, string>();
      for (const { row, location, cellLocation } of rows) {
        const problem = known.problem(row.target, row.field);
        if (problem !== null) {
          const column = known.problem(row.target, '') === null ? 'field' : 'target';
          errors.push({ location: cellLocation(column), message: problem, node: row.target });
          continue;
        }
        const id = nodeId(row.target.type, row.target.namespace, row.target.name);
        const key = JSON.stringify([id, row.field, row.check, row.time]);
        const first = firstSeen.get(key);
        if (first !== undefined) {
          errors.push({ location, message: `a second result of check "${row.check}" on the same node and field at the same time as ${first}`, node: row.target });
          continue;
        }
        firstSeen.set(key, location);
        results.push({
          nodeId: id,
          field: row.field,
          check: row.check,
          observedAt: row.time,
          outcome: row.outcome,
          ...(row.observed !== undefined ? { observed: row.observed } : {}),
          ...(row.expected !== undefined ? { expected: row.expected } : {}),
          ...(row.message !== undefined ? { message: row.message } : {}),
          ...(row.runId !== undefined ? { runId: row.runId } : {}),
        });
      }
      context.progress?.(file.rows.length, file.rows.length);

      if (errors.length > 0) {
        yield { changeset: { source, mode: 'delta' }, errors, refused: true };
        return;
      }
      yield { changeset: { source, mode: 'delta' }, errors: [], quality: { results, onRecorded: options.onRecorded } };
    },
  };
}
