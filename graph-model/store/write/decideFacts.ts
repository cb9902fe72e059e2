import type { Tx } from '../db.js';
import { loadSourceFactClaims } from '../operations/factClaims.js';
import { loadOpenRuns } from '../operations/runs.js';
import type { FactType } from '../rows.js';
import { sortKeys } from '../sortKeys.js';
import { FACT_TYPES, breathe, type AssertedFact, type AssertedRun, type Normalized } from './normalize.js';

/** Per fact type, the source's claims to open (facts in key order) and to close (keys). */
export type FactChanges = { [T in FactType]: { open: AssertedFact<T>[]; close: string[] } };

export const factsChange = (changes: FactChanges) => FACT_TYPES.some((type) => changes[type].open.length > 0 || changes[type].close.length > 0);

/**
 * The source's fact claims to open and to close. Facts to open are in key order: rows reach the key
 * indexes in order, which PostgreSQL inserts much faster. With `sortNow` (identities are being
 * loaded, so facts are likely new) they are sorted while PostgreSQL works; otherwise only once some
 * are known to be new, so an identical re-sync sorts nothing.
 */
export async function decideFacts(tx: Tx, cs: Normalized, sortNow: boolean): Promise<FactChanges> {
  const { source, mode } = cs.changeset;
  const sortFacts = async <T extends FactType>(type: T): Promise<AssertedFact<T>[]> => {
    const asserted = cs.facts[type] as Map<string, AssertedFact<T>>;
    if (asserted.size === 0) return [];
    await breathe();
    // (A plain string array sorts natively; a comparator over objects costs seconds at 300k facts.)
    const keys = sortKeys([...asserted.keys()]);
    await breathe();
    return keys.map((key) => asserted.get(key)!);
  };
  // Asked for first (queued on the connection behind the rows being written), so PostgreSQL answers
  // as soon as those are in while the facts are sorted here.
  const ownClaimsOf = FACT_TYPES.map((type) =>
    loadSourceFactClaims(tx, source, type, mode === 'full' ? 'all' : [...cs.facts[type].keys(), ...cs.retractedFacts[type]]),
  );
  for (const pending of ownClaimsOf) pending.catch(() => {});
  const sorted = {} as { [T in FactType]: AssertedFact<T>[] | null };
  for (const type of FACT_TYPES) (sorted as Record<FactType, AssertedFact[] | null>)[type] = sortNow ? await sortFacts(type) : null;
  const changes = {} as Record<FactType, { open: AssertedFact[]; close: string[] }>;
  for (const [t, type] of FACT_TYPES.entries()) {
    const asserted = cs.facts[type];
    const retracted = cs.retractedFacts[type];
    const own = await ownClaimsOf[t]!;
    const close = [...own].filter((key) => !asserted.has(key) && (mode === 'full' || retracted.has(key)));
    const anyNew = own.size < asserted.size || [...asserted.keys()].some((key) => !own.has(key));
    if (!anyNew) {
      changes[type] = { open: [], close };
      continue;
    }
    const facts: AssertedFact[] = sorted[type] ?? (await sortFacts(type));
    changes[type] = { open: own.size === 0 ? facts : facts.filter((fact) => !own.has(fact.key)), close };
  }
  return changes as FactChanges;
}

/** The runs to record, and the open records of the same run ids they replace, with the version each was recorded at. */
export interface RunChanges {
  record: AssertedRun[];
  replacing: { runId: string; fromVersion: number }[];
}

/** Runs whose content differs from the open record of the same run id (or that have none). */
export async function decideRuns(tx: Tx, cs: Normalized): Promise<RunChanges> {
  const open = await loadOpenRuns(tx, [...cs.runs.keys()]);
  const record = [...cs.runs.values()].filter((run) => open.get(run.runId)?.contentHash !== run.contentHash);
  const replacing: RunChanges['replacing'] = [];
  for (const run of record) {
    const current = open.get(run.runId);
    if (current) replacing.push({ runId: run.runId, fromVersion: current.fromVersion });
  }
  return { record, replacing };
}
