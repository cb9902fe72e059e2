import type { NodeVersion, Tag } from '../model.js';
import type { GraphReader } from '../store/graphReader.js';
import { freshnessOf, GRACE_SHARE, LEARNING, type Freshness } from './freshness.js';

type Reader = Pick<GraphReader, 'currentVersion' | 'successfulWrites' | 'nodes' | 'tagsOf' | 'freshnessTouched'>;

/** What an asset's freshness is computed from, as read at the last refresh that touched it. */
interface Inputs {
  node: NodeVersion | undefined;
  tags: Tag[];
  /** The latest successful writes (ends, ISO-8601), newest first, as successfulWrites gives them. */
  writes: string[];
  /** The newest write's time: a `now` at or after it sees every held write. */
  newestMs: number;
  /** Past this time the asset is late, for a `now` at or after newestMs; Infinity when no interval is known. */
  lateAfterMs: number;
}

/**
 * What the graph index says changed since the previous refresh, for a tracker that follows it: the
 * version to read at, and every node with a node version or an edge added or ended after the
 * previous refresh's version, up to `version` (advanceNodeIds summed over the advances).
 */
export interface GraphChanges {
  version: number;
  touched: Iterable<string>;
}

/** What the last refresh read: how many assets it re-read (null: all), and whether it asked the version tables. */
export interface RefreshStats {
  reread: number | null;
  versionTablesRead: boolean;
}

/**
 * Every written asset's freshness inputs (last successful writes, node, tags), kept in memory and
 * brought up to date by re-reading only the assets whose inputs changed since the last refresh
 * (`freshnessTouched` since the version then read). Lateness is then a comparison per asset with
 * the clock, with no query: the cost of an evaluation follows what changed, not the number of
 * written assets or their run history. The answers are readFreshness's for the same store and
 * `now` (test/quality/freshnessTracker.property.test.ts).
 */
export class FreshnessTracker {
  private readonly inputs = new Map<string, Inputs>();
  /** Version the last refresh read at; null before the first (which reads every written asset). */
  private watermark: number | null = null;
  lastRefresh: RefreshStats | null = null;

  constructor(private readonly store: Reader) {}

  /**
   * Re-reads the assets whose inputs changed since the last refresh (all on the first) and returns
   * their ids. The version is read before what changed since the previous one: a commit landing
   * meanwhile is then seen again at the next refresh rather than missed (runs count from the
   * watermark itself, freshnessTouched's contract).
   *
   * Given `graph`, the graph's changes are taken from it and only runs and tags are asked of the
   * store: the cost follows the changeset, where the store's node version and edge scans cost a
   * fixed part per version that grows with the graph. Every refresh of a tracker must then be given
   * them, each covering the versions since the previous one.
   */
  async refresh(graph?: GraphChanges): Promise<string[]> {
    const version = graph ? graph.version : await this.store.currentVersion();
    let touched: string[] | null = null;
    if (this.watermark !== null) {
      const observed = await this.store.freshnessTouched(this.watermark, { graph: !graph });
      touched = graph ? [...new Set([...observed, ...graph.touched])] : observed;
    }
    this.lastRefresh = { reread: touched?.length ?? null, versionTablesRead: this.watermark !== null && !graph };
    if (touched !== null && touched.length === 0) {
      this.watermark = version;
      return [];
    }
    const writes = await this.store.successfulWrites(touched, LEARNING.maxIntervals + 1);
    const written = [...writes.keys()];
    const [nodes, tags] = written.length === 0 ? [[], []] : await Promise.all([this.store.nodes(written, version), this.store.tagsOf(written, version)]);
    const nodeById = new Map(nodes.map((n) => [n.id, n]));
    const tagsById = new Map<string, Tag[]>();
    for (const tag of tags) tagsById.set(tag.nodeId, [...(tagsById.get(tag.nodeId) ?? []), tag]);
    if (touched === null) this.inputs.clear();
    else for (const id of touched) this.inputs.delete(id);
    for (const [id, list] of writes) {
      if (list.length === 0) continue;
      this.inputs.set(id, inputsOf(id, nodeById.get(id), tagsById.get(id) ?? [], list));
    }
    this.watermark = version;
    return touched ?? written;
  }

  /** The freshness at `now` of every held asset that is late then (readFreshness's `late` ones). */
  late(now: string): Freshness[] {
    const nowMs = Date.parse(now);
    const late: Freshness[] = [];
    for (const [id, i] of this.inputs) {
      // A clock before the newest write sees fewer writes (maybe another interval): compute it all.
      if (nowMs >= i.newestMs && nowMs <= i.lateAfterMs) continue;
      const f = freshnessOf(id, i.node, i.tags, i.writes, now);
      if (f.late) late.push(f);
    }
    return late.sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0));
  }

  /** The held node of an asset (read at the refresh that last touched it). */
  node(id: string): NodeVersion | undefined {
    return this.inputs.get(id)?.node;
  }
}

function inputsOf(id: string, node: NodeVersion | undefined, tags: Tag[], writes: string[]): Inputs {
  const newestMs = Date.parse(writes[0]!);
  // At a now after every write, freshnessOf's due time does not depend on now: compute it once.
  const f = freshnessOf(id, node, tags, writes, writes[0]!);
  // (dueAt is rounded to the millisecond; freshnessOf compares with the unrounded due time.)
  const e = f.expectedIntervalMs;
  const lateAfterMs = e === null ? Infinity : newestMs + e + e * GRACE_SHARE;
  return { node, tags, writes, newestMs, lateAfterMs };
}
