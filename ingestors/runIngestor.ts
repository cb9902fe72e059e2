import { ChangesetRejectedError, StoreRefusedError } from '../graph-model/errors.js';
import type { ApplyResult } from '../graph-model/model.js';
import { readOnlyView } from '../graph-model/store/graphReader.js';
import type { GraphStore } from '../graph-model/store/graphStore.js';
import type { IngestContext, IngestError, IngestWarning, Ingestor } from './contract.js';

export interface IngestReport {
  source: string;
  /** Versions created (changesets that changed nothing create none). */
  versions: number[];
  results: ApplyResult[];
  errors: IngestError[];
  /** Items committed whose lineage may be incomplete or ambiguous (IngestWarning); never counted as errors. */
  warnings: IngestWarning[];
  /** Quality results recorded: new, changed, and already held as they are. */
  quality: { inserted: number; updated: number; unchanged: number };
}

/**
 * Runs an ingestor and commits each of its changesets. A changeset the store refuses is reported
 * as an error with the store's issues; it does not undo the changesets committed before it.
 * Every error is also recorded in the store against the source, batch by batch (after the batch's
 * commit, so it carries the version that batch created), so that a run that fails half-way still
 * leaves the errors found before the failure. Warnings are reported and recorded (as ingest errors
 * of severity `warning`) only for a batch whose changeset committed: they describe what it holds.
 */
export async function runIngestor<Input>(
  store: GraphStore,
  ingestor: Ingestor<Input>,
  input: Input,
  options: {
    actor?: string;
    progress?: IngestContext['progress'];
    /** Told of a changeset the database refused: its error carries the database's message, for the log. */
    onRefused?(error: StoreRefusedError): void;
  } = {},
): Promise<IngestReport> {
  const source = ingestor.sourceId(input);
  const report: IngestReport = { source, versions: [], results: [], errors: [], warnings: [], quality: { inserted: 0, updated: 0, unchanged: 0 } };
  for await (const batch of ingestor.read(input, { store: readOnlyView(store), progress: options.progress })) {
    const errors: IngestError[] = [...batch.errors];
    let warnings: readonly IngestWarning[] = [];
    if (batch.refused) {
      report.errors.push(...errors);
      await store.recordIngestErrors(source, errors);
      continue;
    }
    if (batch.metrics) {
      // Not `onRecorded?.(await ...)`: optional chaining would skip recording without a listener.
      const recorded = await store.recordMetrics(source, batch.metrics.points);
      batch.metrics.onRecorded?.(recorded);
    }
    try {
      const result = await store.apply(batch.changeset, { actor: options.actor });
      report.results.push(result);
      if (result.changed) report.versions.push(result.version);
      warnings = batch.warnings ?? [];
      if (batch.quality && batch.quality.results.length > 0) {
        const recorded = await store.recordQualityResults(source, batch.quality.results);
        report.quality.inserted += recorded.inserted;
        report.quality.updated += recorded.updated;
        report.quality.unchanged += recorded.unchanged;
        batch.quality.onRecorded?.(recorded);
      }
    } catch (error) {
      if (!(error instanceof ChangesetRejectedError)) {
        // The commit failed for another reason (e.g. the database went away): what was wrong with
        // the input should still be known, but the original failure is what the caller must see.
        await store.recordIngestErrors(source, errors).catch(() => undefined);
        throw error;
      }
      if (error instanceof StoreRefusedError) options.onRefused?.(error);
      errors.push(...error.issues.map((issue) => ({ location: `changeset ${issue.path}`, message: issue.message })));
    }
    report.errors.push(...errors);
    report.warnings.push(...warnings);
    await store.recordIngestErrors(source, [...errors, ...warnings.map((warning) => ({ ...warning, severity: 'warning' as const }))]);
  }
  return report;
}
