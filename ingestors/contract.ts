import type { Changeset, NodeRef } from '../graph-model/model.js';
import type { GraphReader } from '../graph-model/store/graphReader.js';
import type { MetricPoint, RecordMetricsResult } from '../graph-model/store/operations/recordMetrics.js';

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
