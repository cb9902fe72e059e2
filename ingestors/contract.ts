import type { Changeset, NodeRef } from '../graph-model/model.js';
import type { GraphReader } from '../graph-model/store/graphReader.js';
import type { MetricPoint, RecordMetricsResult } from '../graph-model/store/operations/recordMetrics.js';
import type { QualityResultInput, RecordQualityResult } from '../graph-model/store/operations/recordQualityResults.js';

/**
 * A bad item of an input, reported instead of thrown: the rest of the input still commits.
 * `location` says where it is: `file:line:column`, `file#/json/path`, or an HTTP body's JSON path.
 */
export interface IngestError {
  location: string;
  message: string;
  /** The node the bad item was about, where known. */
  node?: NodeRef;
}

/**
 * An item that WAS committed but whose lineage may be incomplete or ambiguous (a statement read
 * only in part, a name read two ways): the user should know what the graph does not say. Same
 * shape as an error, kept apart so that nothing counting errors (exit codes, refusals) counts it.
 */
export interface IngestWarning {
  /** Where the item is, as for an error: `file:line:column`, `file#/json/path`, a body's JSON path. */
  location: string;
  /** What was not read, or read two ways, and why. */
  message: string;
  /** The node the item was about, where known. */
  node?: NodeRef;
}

/** One step of an ingest: a changeset for the core to commit, and the bad items found while making it. */
export interface IngestBatch {
  changeset: Changeset;
  errors: IngestError[];
  /**
   * Items of the changeset read only in part. They are about what commits, so they are reported
   * and recorded only when the changeset commits (not for a refused batch or changeset).
   */
  warnings?: IngestWarning[];
  /**
   * Measurements of the changeset's source for the core to record before committing the changeset
   * (they are not graph facts, so they cannot travel in it); `onRecorded` is told what changed.
   */
  metrics?: { points: readonly MetricPoint[]; onRecorded?(result: RecordMetricsResult): void };
  /**
   * Quality results of the changeset's source (docs/quality.md), recorded by the core in one
   * transaction after the changeset commits (the nodes they are on may be created by it), and not
   * when the store refuses the changeset. `onRecorded` is told what changed.
   */
  quality?: { results: readonly QualityResultInput[]; onRecorded?(result: RecordQualityResult): void };
  /**
   * The ingestor refuses this input whole (a format that is all or nothing per file): the core
   * commits nothing of the batch and records its errors.
   */
  refused?: true;
}

export interface IngestContext {
  /**
   * Read access to the graph, for ingestors that resolve names against it (e.g. `SELECT *`): a
   * read-only view; what an ingestor's source asserts goes back to the core in its batches.
   */
  store: GraphReader;
  /** Progress on long inputs, in the ingestor's own units (events, statements, nodes). */
  progress?(done: number, total: number): void;
}

/**
 * An ingestor turns one kind of input into changesets for one source (like Backstage's entity
 * providers): it says what its source asserts, fully or as a delta; the core owns storage,
 * hashing, versioning and retraction.
 */
export interface Ingestor<Input> {
  /** The kind of input, e.g. `dbt`, `openlineage`, `sql`, `postgres`, `risk`. */
  readonly kind: string;
  /** The source whose facts this input asserts, e.g. `dbt:jaffle_shop`. */
  sourceId(input: Input): string;
  read(input: Input, context: IngestContext): AsyncIterable<IngestBatch>;
}
