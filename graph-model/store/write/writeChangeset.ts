import type { Tx } from '../db.js';
import { closeFacts, factsTouching, insertFacts, openFacts } from '../operations/effectiveFacts.js';
import { closeFactClaims, insertFactClaims, stillClaimed } from '../operations/factClaims.js';
import { closeNodeClaims, insertNodeClaims } from '../operations/nodeClaims.js';
import { closeNodeVersions, insertNodeVersions } from '../operations/nodeVersions.js';
import { closeRuns, dropRunsRecordedAt, insertRuns } from '../operations/runs.js';
import type { FactType } from '../rows.js';
import type { FactInsert } from '../tables.js';
import type { FactChanges, RunChanges } from './decideFacts.js';
import type { NodeDecision } from './decideNodes.js';
import { FACT_TYPES } from './normalize.js';

/**
 * Writes under way on the transaction's connection: each is queued as soon as its rows are known,
 * so PostgreSQL loads one table while this side works out the next one's rows (the connection runs
 * them one at a time, in the order queued). All settle before an error is passed on, so the
 * rollback finds the connection free.
 */
export class PendingWrites {
  private readonly pending: Promise<unknown>[] = [];

  add<T>(write: Promise<T>): Promise<T> {
    // Awaited in `settle`; until then a failure must not count as unhandled.
    write.catch(() => {});
    this.pending.push(write);
    return write;
  }

  async settle(): Promise<void> {
    const failed = (await Promise.allSettled(this.pending.splice(0))).find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

export type FactCounts = Record<FactType, number>;

export const zeroCounts = (): FactCounts => ({ edge: 0, field_edge: 0, tag: 0 });

/** The source's node claims, then the effective versions: closed rows first, so the open-row indexes stay unique. */
export async function writeNodes(tx: Tx, source: string, decision: NodeDecision, version: number): Promise<void> {
  await closeNodeClaims(tx, source, decision.claimsToClose, version);
  await insertNodeClaims(tx, decision.claimsToOpen);
  await closeNodeVersions(tx, decision.versionsToClose, version);
  await insertNodeVersions(tx, decision.versionsToInsert);
}

/** Closes and opens the source's fact claims, and the effective facts that start or end with them. */
export async function writeFacts(
  tx: Tx,
  source: string,
  version: number,
  changes: FactChanges,
  brandNew: Set<string>,
): Promise<{ added: FactCounts; removed: FactCounts }> {
  const added = zeroCounts();
  const removed = zeroCounts();
  const alreadyOpen = {} as Record<FactType, Set<string>>;
  for (const type of FACT_TYPES) {
    const { open, close } = changes[type];
    await closeFactClaims(tx, source, type, close, version);
    const remaining = await stillClaimed(tx, type, close);
    const ending = close.filter((key) => !remaining.has(key));
    await closeFacts(tx, type, ending, version);
    removed[type] += ending.length;
    // A fact on a brand-new node cannot be open already.
    const maybeOpen: string[] = [];
    for (const fact of open) if (!fact.ids.some((id) => brandNew.has(id))) maybeOpen.push(fact.key);
    alreadyOpen[type] = await openFacts(tx, type, maybeOpen);
  }
  // Every insert is queued at once: PostgreSQL goes from one COPY to the next without waiting for this side.
  const inserts: Promise<void>[] = [];
  const queue = <T extends FactType>(type: T) => {
    const { open } = changes[type] as FactChanges[T];
    if (open.length === 0) return;
    const keys = new Array<string>(open.length);
    const rows: FactInsert[T][] = [];
    for (let i = 0; i < open.length; i++) {
      const fact = open[i]!;
      keys[i] = fact.key;
      if (alreadyOpen[type].has(fact.key)) continue;
      fact.row.from_version = version;
      rows.push(fact.row);
    }
    inserts.push(insertFactClaims(tx, source, type, keys, version), insertFacts(tx, type, rows));
    added[type] += rows.length;
  };
  for (const type of FACT_TYPES) queue(type);
  for (const insert of inserts) insert.catch(() => {});
  const failed = (await Promise.allSettled(inserts)).find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return { added, removed };
}

/** Facts on nodes that ceased to exist, or on fields that disappeared, end with them, whoever asserted them. */
export async function endOrphanedFacts(tx: Tx, decision: NodeDecision, version: number): Promise<FactCounts> {
  const removed = zeroCounts();
  const orphaned = await factsTouching(tx, decision.deadNodes, decision.removedFields);
  for (const type of FACT_TYPES) {
    await closeFactClaims(tx, null, type, orphaned[type], version);
    await closeFacts(tx, type, orphaned[type], version);
    removed[type] += orphaned[type].length;
  }
  return removed;
}

/**
 * A run's new record replaces its open one (a run's state moves on): the open record ends at
 * `version`, or, when it was itself recorded at `version` (runs recorded without a new graph
 * version, applyChangeset.ts), gives way to the new one.
 */
export async function writeRuns(tx: Tx, runs: RunChanges, version: number): Promise<void> {
  const sameVersion = runs.replacing.filter((r) => r.fromVersion === version).map((r) => r.runId);
  const earlier = runs.replacing.filter((r) => r.fromVersion !== version).map((r) => r.runId);
  await closeRuns(tx, earlier, version);
  await dropRunsRecordedAt(tx, sameVersion, version);
  await insertRuns(tx, runs.record, version);
}
