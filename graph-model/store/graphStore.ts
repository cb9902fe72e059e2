import type { ApplyResult, AsOf, ChangesetInfo, Edge, FieldEdge, NodeDefinition, NodeType, NodeVersion, Run, Tag } from '../model.js';
import { applyChangeset } from './applyChangeset.js';
import { ChangeFeed } from './changeFeed.js';
import { lockDataDir } from './dataDirLock.js';
import type { Db } from './db.js';
import { followCommits } from './followCommits.js';
import { isMigrated, migrate } from './migrate.js';
import { readChangeset, readChanges, readHistory, type ChangesetWithChanges, type HistoryEntry } from './operations/readChanges.js';
import { readEdgeHistory } from './operations/readEdgeHistory.js';
import { readEdges, readFieldEdges, readRuns, readTags, type EdgeDirection } from './operations/readFacts.js';
import { readJobFacts, type JobFacts } from './operations/readJobFacts.js';
import { readIngestErrors, type IngestErrorFilter, type IngestErrorRecord } from './operations/readIngestErrors.js';
import { latestMetricBucket } from './operations/latestMetricBucket.js';
import { readMetrics, type MetricQuery, type MetricValue } from './operations/readMetrics.js';
import { loadOpenNodeClaims } from './operations/nodeClaims.js';
import { readNodeByName, readNodes, readNodeVersions } from './operations/readNodes.js';
import { readRunsOf } from './operations/readRunsOf.js';
import { readRun } from './operations/readRun.js';
import { readCommitTimes } from './operations/readCommitTimes.js';
import { readTagsAt } from './operations/readTagsAt.js';
import { readTaggedNodes } from './operations/readTaggedNodes.js';
import { readTagsOf } from './operations/readTagsOf.js';
import { recordIngestErrors, type IngestErrorInput } from './operations/recordIngestErrors.js';
import { recordMetrics, type MetricPoint, type RecordMetricsResult } from './operations/recordMetrics.js';
import { recordQualityResults, type QualityResultInput, type RecordQualityResult } from './operations/recordQualityResults.js';
import { readQualityResults, type QualityResult, type QualityResultQuery } from './operations/readQualityResults.js';
import { readLatestQualityResults } from './operations/readLatestQualityResults.js';
import { readQualityNodesAfter } from './operations/readQualityNodesAfter.js';
import { readQualityTouched } from './operations/readQualityTouched.js';
import { readSuccessfulWrites } from './operations/readSuccessfulWrites.js';
import { readFreshnessTouched } from './operations/readFreshnessTouched.js';
import { currentVersion, resolveAsOf } from './operations/resolveAsOf.js';
import { sumMetrics, type MetricTotalsQuery } from './operations/sumMetrics.js';
import { Observations } from './observations.js';
import { createPgliteDb } from './pglite-db.js';
import { DEFAULT_LISTENER_TIMING, type ListenerTiming } from './pgListener.js';
import { createPostgresDb } from './postgres-db.js';

/** What one source currently asserts about a node (its claim), as opposed to the merged version. */
export interface NodeClaim {
  nodeId: string;
  source: string;
  kind: string;
  definition: NodeDefinition;
  fromVersion: number;
}

export interface StoreConfig {
  /** PostgreSQL connection string; when absent the embedded PGlite store is used. */
  databaseUrl?: string;
  /** PGlite data directory; `memory` (or undefined with `inMemory`) keeps it in memory. */
  dataDir?: string;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** How the change feed recovers from a lost PostgreSQL connection (defaults suit operation). */
  feed?: { listener?: Partial<ListenerTiming>; pollIntervalMs?: number };
}

/** The versioned graph: writes by changeset, reads at any `asOf`, and a feed of new versions. */
export class GraphStore {
  readonly feed: ChangeFeed;
  /** Writes of this process that create no version (quality results, runs alone, incidents). */
  readonly observations = new Observations();
  private unlisten: (() => Promise<void>) | null = null;
  private releaseDataDir: () => void = () => {};

  private constructor(
    readonly db: Db,
    initialVersion: number,
  ) {
    this.feed = new ChangeFeed(initialVersion);
  }

  static async open(config: StoreConfig = {}): Promise<GraphStore> {
    const dataDir = !config.databaseUrl && config.dataDir && config.dataDir !== 'memory' ? config.dataDir : undefined;
    const release = dataDir ? lockDataDir(dataDir) : () => {};
    let db: Db;
    try {
      db = config.databaseUrl
        ? createPostgresDb({ connectionString: config.databaseUrl, listenerTiming: { ...DEFAULT_LISTENER_TIMING, ...config.feed?.listener } })
        : await createPgliteDb(dataDir);
    } catch (error) {
      release();
      throw error;
    }
    try {
      if (config.migrate !== false) await migrate(db);
      else if (!(await isMigrated(db))) throw new Error('the database is not migrated; run `dctx migrate`');
      const store = new GraphStore(db, await currentVersion(db));
      store.releaseDataDir = release;
      if (db.engine === 'postgres') {
        // Other processes' commits arrive by NOTIFY; ours are published directly after commit.
        store.unlisten = await followCommits(db, store.feed, config.feed?.pollIntervalMs);
      }
      return store;
    } catch (error) {
      await db.close();
      release();
      throw error;
    }
  }

  async apply(changeset: unknown, options: { actor?: string } = {}): Promise<ApplyResult> {
    const result = await applyChangeset(this.db, changeset, options);
    if (result.changed) this.feed.publish(result.version);
    else if (result.stats.runsRecorded > 0) this.observations.emit('RUNS');
    return result;
  }

  currentVersion(): Promise<number> {
    return currentVersion(this.db);
  }

  resolveAsOf(asOf: AsOf): Promise<number> {
    // Versions never go backwards: one this process has already seen needs no round trip to check.
    if (typeof asOf === 'number' && Number.isInteger(asOf) && asOf >= 0 && asOf <= this.feed.version) return Promise.resolve(asOf);
    return resolveAsOf(this.db, asOf);
  }

  async node(id: string, asOf?: AsOf): Promise<NodeVersion | null> {
    const [node] = await readNodes(this.db, [id], await this.resolveAsOf(asOf));
    return node ?? null;
  }

  async nodes(ids: string[], asOf?: AsOf): Promise<NodeVersion[]> {
    return readNodes(this.db, ids, await this.resolveAsOf(asOf));
  }

  async nodeByName(type: NodeType, namespace: string, name: string, asOf?: AsOf): Promise<NodeVersion | null> {
    return readNodeByName(this.db, type, namespace, name, await this.resolveAsOf(asOf));
  }

  async edges(id: string, options: { asOf?: AsOf; direction?: EdgeDirection } = {}): Promise<Edge[]> {
    return readEdges(this.db, id, await this.resolveAsOf(options.asOf), options.direction);
  }

  async fieldEdges(id: string, asOf?: AsOf): Promise<FieldEdge[]> {
    return readFieldEdges(this.db, id, await this.resolveAsOf(asOf));
  }

  async tags(id: string, asOf?: AsOf): Promise<Tag[]> {
    return readTags(this.db, id, await this.resolveAsOf(asOf));
  }

  /**
   * Every tag valid at `asOf` (only those of `keys` when given), with the version it was read at:
   * tag propagation and the compliance audit run on the index at that same version.
   */
  async tagsAt(asOf?: AsOf, options: { keys?: readonly string[] } = {}): Promise<{ version: number; tags: Tag[] }> {
    const version = await this.resolveAsOf(asOf);
    return { version, tags: await readTagsAt(this.db, version, options.keys) };
  }

  async runs(computationId: string, asOf?: AsOf): Promise<Run[]> {
    return readRuns(this.db, computationId, await this.resolveAsOf(asOf));
  }

  /** Ids of the nodes carrying every one of `tags` (`key` or `key=value`, on the node or a field) at a version. */
  async nodesTagged(tags: readonly string[], asOf?: AsOf): Promise<Set<string>> {
    return readTaggedNodes(this.db, tags, await this.resolveAsOf(asOf));
  }

  /** The tags of many nodes at once (the GraphQL API batches per request). */
  async tagsOf(ids: readonly string[], asOf?: AsOf): Promise<Tag[]> {
    return readTagsOf(this.db, ids, await this.resolveAsOf(asOf));
  }

  /** One run by its id (an OpenLineage runId), as it was at `asOf`. */
  async run(runId: string, asOf?: AsOf): Promise<Run | null> {
    return readRun(this.db, runId, await this.resolveAsOf(asOf));
  }

  /** When graph versions were committed, for APIs that label facts with times (the Marquez-compatible read API). */
  commitTimes(versions: readonly number[]): Promise<Map<number, string>> {
    return readCommitTimes(this.db, versions);
  }

  /** The runs of many computations at once, newest first per computation. */
  async runsOf(computationIds: readonly string[], asOf?: AsOf): Promise<Run[]> {
    return readRunsOf(this.db, computationIds, await this.resolveAsOf(asOf));
  }

  /**
   * The current claims on nodes, oldest first: what each source asserts, before merging. Ingestors
   * use it to build on what their own source said, or on what only other sources say.
   */
  async claims(ids: string[], options: { source?: string; excludeSource?: string } = {}): Promise<NodeClaim[]> {
    const rows = await loadOpenNodeClaims(this.db, ids);
    return rows
      .filter((row) => (options.source === undefined || row.source === options.source) && row.source !== options.excludeSource)
      .map((row) => ({ nodeId: row.node_id, source: row.source, kind: row.kind, definition: row.definition, fromVersion: Number(row.from_version) }))
      .sort((a, b) => a.fromVersion - b.fromVersion || a.source.localeCompare(b.source));
  }

  /**
   * The runs, edges and own field edges of many jobs at a version, in a fixed number of statements:
   * the given runs, and each job's latest completed run among the others (readJobFacts.ts).
   */
  jobFacts(jobIds: string[], runIds: string[], version: number): Promise<JobFacts> {
    return readJobFacts(this.db, jobIds, runIds, version);
  }

  async history(id: string): Promise<HistoryEntry[]> {
    return readHistory(this.db, await readNodeVersions(this.db, id), await readEdgeHistory(this.db, id));
  }

  changes(since: number, options: { limit?: number; source?: string } = {}): Promise<ChangesetWithChanges[]> {
    return readChanges(this.db, since, options);
  }

  changeset(version: number): Promise<ChangesetInfo | null> {
    return readChangeset(this.db, version);
  }

  /**
   * Keeps the bad items an ingest of `source` found, stamped with the current graph version, so
   * they can be listed after the ingest's own report is gone. Returns that version.
   */
  recordIngestErrors(source: string, errors: readonly IngestErrorInput[]): Promise<number> {
    return recordIngestErrors(this.db, source, errors);
  }

  /** Recorded ingest errors, newest first, of a source and/or a node. */
  ingestErrors(filter: IngestErrorFilter = {}): Promise<IngestErrorRecord[]> {
    return readIngestErrors(this.db, filter);
  }

  /**
   * Upserts a source's time-bucketed measurements (traffic, cost, freshness). They are not graph
   * facts: no graph version is created, and a bucket's latest value from a source wins.
   */
  recordMetrics(source: string, points: readonly MetricPoint[]): Promise<RecordMetricsResult> {
    return recordMetrics(this.db, source, points);
  }

  /** A node's measurements with bucket start in [from, to), optionally of one metric, granularity or field. */
  metrics(nodeId: string, query: MetricQuery): Promise<MetricValue[]> {
    return readMetrics(this.db, nodeId, query);
  }

  /** Each node's total of one metric over [from, to) (day buckets of the node itself by default). */
  /** The start of the newest metric bucket stored (reports default their window to end there). */
  latestMetricBucket(): Promise<string | null> {
    return latestMetricBucket(this.db);
  }

  metricTotals(query: MetricTotalsQuery): Promise<Map<string, number>> {
    return sumMetrics(this.db, query);
  }

  /**
   * Records a source's quality results, all or none (docs/quality.md). They are observations, not
   * graph facts: no graph version is created; the same check, source and time recorded again
   * replaces the values when they differ.
   */
  async recordQualityResults(source: string, results: readonly QualityResultInput[]): Promise<RecordQualityResult> {
    const recorded = await recordQualityResults(this.db, source, results);
    if (recorded.inserted + recorded.updated > 0) this.observations.emit('QUALITY_RESULTS');
    return recorded;
  }

  /** A node's quality results, newest first, optionally of one field, one check or a time window. */
  qualityResults(nodeId: string, query: QualityResultQuery = {}): Promise<QualityResult[]> {
    return readQualityResults(this.db, nodeId, query);
  }

  /** The latest result of every check observed at or before `at` (of the given nodes, or all). */
  latestQualityResults(at: string, nodeIds: readonly string[] | null = null): Promise<QualityResult[]> {
    return readLatestQualityResults(this.db, at, nodeIds);
  }

  /** The end times of each asset's latest successful writes (COMPLETE runs of its writers), newest first. */
  successfulWrites(assetIds: readonly string[] | null, perAsset: number): Promise<Map<string, string[]>> {
    return readSuccessfulWrites(this.db, assetIds, perAsset);
  }

  /**
   * Assets whose freshness inputs (writer runs, writer edges, definition, freshness tags) changed
   * after a version; `graph: false` leaves out writer edges and definitions (known from the index).
   */
  freshnessTouched(afterVersion: number, options: { graph?: boolean } = {}): Promise<string[]> {
    return readFreshnessTouched(this.db, afterVersion, options);
  }

  /** Nodes with quality results recorded while the graph was at `atOrAfterVersion` or later. */
  qualityTouched(atOrAfterVersion: number): Promise<string[]> {
    return readQualityTouched(this.db, atOrAfterVersion);
  }

  /** Nodes with a quality result observed after `at` (of the given nodes, or all when null). */
  qualityNodesAfter(at: string, nodeIds: readonly string[] | null): Promise<string[]> {
    return readQualityNodesAfter(this.db, at, nodeIds);
  }

  /** Closing twice is a no-op: a store handed to a test harness may be closed by both. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.unlisten?.();
      await this.db.close();
      this.releaseDataDir();
    })();
    return this.closing;
  }

  private closing: Promise<void> | undefined;
}

/** The store the process is configured for: DATABASE_URL, else PGlite in DCTX_DATA_DIR (default ./.data). */
export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { dataDir: env.DCTX_DATA_DIR || './.data' };
}
