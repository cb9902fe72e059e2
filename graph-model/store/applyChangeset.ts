import { randomBytes } from 'node:crypto';
import { parseChangeset } from '../changeset-schema.js';
import { ChangesetRejectedError, StoreRefusedError } from '../errors.js';
import type { ApplyResult, ChangeStats } from '../model.js';
import type { Db, Tx } from './db.js';
import { insertChangeset } from './operations/insertChangeset.js';
import { lockWriter } from './operations/lockWriter.js';
import { notifyCommitted } from './operations/runs.js';
import { registerNodes } from './operations/registerNodes.js';
import { isDataRefusal, recordingFirstFailure } from './transactionFailure.js';
import { checkReferences } from './write/checkReferences.js';
import { decideFacts, decideRuns, factsChange } from './write/decideFacts.js';
import { decideNodes, findIdentities, nodesChange } from './write/decideNodes.js';
import { Normalized } from './write/normalize.js';
import { PendingWrites, endOrphanedFacts, writeFacts, writeNodes, writeRuns, zeroCounts } from './write/writeChangeset.js';

/**
 * Commits one changeset atomically as the next graph version, or changes nothing when it matches
 * what its source already asserts. Throws ChangesetRejectedError, committing nothing, when the
 * changeset is malformed or refers to nodes or fields that would not exist. The steps are in
 * write/ (normalise, decide nodes, check references, decide facts, write); README.md says why in
 * this order.
 */
export async function applyChangeset(db: Db, input: unknown, options: { actor?: string } = {}): Promise<ApplyResult> {
  const changeset = parseChangeset(input);
  const normalized = new Normalized(changeset);
  if (normalized.issues.length > 0) {
    // Report every conflict at once, those among facts too.
    await normalized.normalizeFacts();
    throw new ChangesetRejectedError(normalized.issues);
  }
  const actor = options.actor ?? changeset.actor ?? 'anonymous';
  try {
    return await db.transaction((tx) => applyInTransaction(tx, normalized, actor));
  } catch (error) {
    // A refusal of the data is the changeset's, like a failed check; the caller keeps the others.
    if (isDataRefusal(error)) throw new StoreRefusedError(error as Error, randomBytes(6).toString('hex'));
    throw error;
  }
}

async function applyInTransaction(tx: Tx, cs: Normalized, actor: string): Promise<ApplyResult> {
  const writes = new PendingWrites();
  const statements = recordingFirstFailure(tx);
  try {
    return await applyWrites(statements.tx, cs, actor, writes);
  } catch (error) {
    await writes.settle().catch(() => {});
    // Not "current transaction is aborted" from whichever statement was awaited first: the cause.
    throw statements.cause(error);
  }
}

/**
 * The order is chosen for a large changeset: node identities are registered while the nodes'
 * contents are hashed here; node claims and versions load while the facts are normalised and sorted;
 * the facts load last. (Loading the facts first, while hashing, was slower: PostgreSQL and this
 * process's garbage collector then compete for the second core.) Nothing is visible before the
 * commit, so a rejection found late (a reference to a missing node or field) still commits nothing.
 */
async function applyWrites(tx: Tx, cs: Normalized, actor: string, writes: PendingWrites): Promise<ApplyResult> {
  const { source, mode } = cs.changeset;
  const current = await lockWriter(tx);
  const version = current + 1;

  // 1. Identities: one never registered has no claims, versions or facts, so its row loads at once.
  const identities = await findIdentities(tx, cs);
  if (identities.fresh.length > 0) writes.add(registerNodes(tx, identities.fresh, version));

  // 2. Node claims and effective versions. Rows that will be written whatever the facts say start
  // on their way now: PostgreSQL loads them while the facts are normalised and sorted here.
  const nodes = await decideNodes(tx, cs, identities, version);
  if (nodesChange(nodes)) writes.add(writeNodes(tx, source, nodes, version));

  // 3. Facts and runs of this source; references must resolve in the graph as it will be after this changeset.
  await cs.normalizeFacts();
  if (cs.issues.length > 0) throw new ChangesetRejectedError(cs.issues);
  await checkReferences(tx, cs, nodes.outcome);
  const facts = await decideFacts(tx, cs, nodesChange(nodes));
  const runs = await decideRuns(tx, cs);

  const stats: ChangeStats = {
    nodesCreated: nodes.created,
    nodesUpdated: nodes.updated,
    nodesDeleted: nodes.deleted,
    edgesAdded: 0,
    edgesRemoved: 0,
    fieldEdgesAdded: 0,
    fieldEdgesRemoved: 0,
    tagsAdded: 0,
    tagsRemoved: 0,
    runsRecorded: 0,
  };
  // Nothing was sent to be written unless nodes change.
  if (!factsChange(facts) && !nodesChange(nodes)) {
    // Runs are what happened to the graph's computations, not a change of the graph: a changeset
    // that only records runs (a scheduler re-running unchanged jobs) creates no version; its runs
    // are recorded at the current one, read there like the others, and nothing is notified.
    if (runs.record.length > 0) await writeRuns(tx, runs, current);
    stats.runsRecorded = runs.record.length;
    return { version: current, changed: false, stats };
  }

  // 4. The facts, once the node rows are on their way; then what ends with nodes and fields, and runs.
  const factCounts = factsChange(facts) ? writes.add(writeFacts(tx, source, version, facts, identities.brandNew)) : null;
  await writes.settle();
  const { added, removed } = (await factCounts) ?? { added: zeroCounts(), removed: zeroCounts() };
  const orphaned = await endOrphanedFacts(tx, nodes, version);
  await writeRuns(tx, runs, version);

  stats.edgesAdded = added.edge;
  stats.edgesRemoved = removed.edge + orphaned.edge;
  stats.fieldEdgesAdded = added.field_edge;
  stats.fieldEdgesRemoved = removed.field_edge + orphaned.field_edge;
  stats.tagsAdded = added.tag;
  stats.tagsRemoved = removed.tag + orphaned.tag;
  stats.runsRecorded = runs.record.length;
  await insertChangeset(tx, { version, source, actor, mode, stats });
  await notifyCommitted(tx, version);
  return { version, changed: true, stats };
}
