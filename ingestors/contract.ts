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

/** One step of an ingest: a changeset for the core to commit, and the bad items found while making it. */
export interface IngestBatch {
  changeset: Changeset;
  errors: IngestError[];
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
