import type { NodeVersion, Tag } from '../model.js';
import type { GraphReader } from '../store/graphReader.js';
import { parseInterval } from './refreshInterval.js';

/** Where an expected refresh interval comes from (docs/quality.md). */
export type FreshnessOrigin = 'TAG' | 'DECLARED' | 'LEARNED';

/** Learned intervals: the median of the last MAX_INTERVALS intervals, from at least MIN_INTERVALS. */
export const LEARNING = { maxIntervals: 20, minIntervals: 5 } as const;
/** An asset is late once past its due time by more than this share of its interval. */
export const GRACE_SHARE = 0.25;

export interface Freshness {
  nodeId: string;
  /** Null when nothing declares one and the history is too short to learn one. */
  expectedIntervalMs: number | null;
  origin: FreshnessOrigin | null;
  /** End of the latest successful write at or before `now` (ISO-8601), or null when none is known. */
  lastSuccessfulWrite: string | null;
  /** lastSuccessfulWrite + expected interval. */
  dueAt: string | null;
  /** now − dueAt when positive, else 0; null when unknown. */
  lateByMs: number | null;
  /** Past due by more than the grace (GRACE_SHARE of the interval). */
  late: boolean;
  /** Intervals the learned value (or the history) is made of. */
  samples: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The declared interval: a `freshness` tag on the node wins over a `freshness` property of its definition. */
function declared(node: NodeVersion | undefined, tags: readonly Tag[]): { ms: number; origin: FreshnessOrigin } | null {
  for (const tag of tags) {
    if (tag.field !== '' || tag.key !== 'freshness') continue;
    const ms = parseInterval(tag.value);
    if (ms !== null) return { ms, origin: 'TAG' };
  }
  const property = (node?.definition.properties as Record<string, unknown> | undefined)?.freshness;
  const ms = parseInterval(property);
  return ms === null ? null : { ms, origin: 'DECLARED' };
}

/**
 * An asset's freshness at `now` from its declaration and its successful writes (newest first;
 * writes after `now` are ignored, so a past `now` sees the past).
 */
export function freshnessOf(nodeId: string, node: NodeVersion | undefined, tags: readonly Tag[], writes: readonly string[], now: string): Freshness {
  const nowMs = Date.parse(now);
  const times = writes.map((w) => Date.parse(w)).filter((t) => t <= nowMs).slice(0, LEARNING.maxIntervals + 1);
  const intervals = times.slice(1).map((t, i) => times[i]! - t).filter((d) => d > 0);
  const fixed = declared(node, tags);
  let expected: { ms: number; origin: FreshnessOrigin } | null = fixed;
  if (!expected && intervals.length >= LEARNING.minIntervals) expected = { ms: median(intervals), origin: 'LEARNED' };
  const last = times[0];
  const base: Freshness = {
    nodeId,
    expectedIntervalMs: expected?.ms ?? null,
    origin: expected?.origin ?? null,
    lastSuccessfulWrite: last === undefined ? null : new Date(last).toISOString(),
    dueAt: null,
    lateByMs: null,
    late: false,
    samples: intervals.length,
  };
  if (!expected || last === undefined) return base;
  const due = last + expected.ms;
  const lateBy = Math.max(0, nowMs - due);
  return { ...base, dueAt: new Date(due).toISOString(), lateByMs: lateBy, late: lateBy > expected.ms * GRACE_SHARE };
}

/** The freshness of the given assets at `now`, or of every asset with a successful write when `ids` is null. */
export async function readFreshness(store: Pick<GraphReader, 'successfulWrites' | 'nodes' | 'tagsOf'>, ids: readonly string[] | null, now: string): Promise<Freshness[]> {
  // The latest writes at the current version; those after `now` are then ignored (a past `now` sees fewer).
  const writes = await store.successfulWrites(ids, LEARNING.maxIntervals + 1);
  const targets = ids ?? [...writes.keys()];
  if (targets.length === 0) return [];
  const [nodes, tags] = await Promise.all([store.nodes([...targets]), store.tagsOf(targets)]);
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const tagsById = new Map<string, Tag[]>();
  for (const tag of tags) tagsById.set(tag.nodeId, [...(tagsById.get(tag.nodeId) ?? []), tag]);
  return targets.map((id) => freshnessOf(id, nodeById.get(id), tagsById.get(id) ?? [], writes.get(id) ?? [], now));
}
