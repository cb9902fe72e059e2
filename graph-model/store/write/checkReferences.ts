import { fieldNames } from '../../definition.js';
import { ChangesetRejectedError, type ChangesetIssue } from '../../errors.js';
import { WHOLE_ASSET } from '../../model.js';
import type { Tx } from '../db.js';
import { loadOpenNodeVersions } from '../operations/nodeVersions.js';
import type { NodeOutcome } from './decideNodes.js';
import { FACT_TYPES, labelOf, pathOf, type Normalized, type Reference } from './normalize.js';

/** Every node and field a fact or run refers to exists once this changeset is applied; else it is rejected. */
export async function checkReferences(tx: Tx, cs: Normalized, outcome: Map<string, NodeOutcome>): Promise<void> {
  // A reference to a node this changeset asserts, without a field, holds by construction.
  const references: Reference[] = [];
  // A node this changeset asserts is alive after it (its own claim is open), so only fields need looking at.
  const holds = (id: string, field: string | undefined) => (field === undefined || field === WHOLE_ASSET) && cs.nodes.has(id);
  for (const type of FACT_TYPES) {
    for (const fact of cs.facts[type].values()) {
      const { ids, fields } = fact;
      let spelled: Reference[] | undefined;
      for (let i = 0; i < ids.length; i++) {
        if (holds(ids[i]!, fields?.[i])) continue;
        spelled ??= cs.referencesOf(fact);
        references.push(spelled[i]!);
      }
    }
  }
  for (const run of cs.runs.values()) if (!holds(run.ref.id, run.ref.field)) references.push(run.ref);
  if (references.length === 0) return;

  // Nodes this changeset does not touch are as they are now; load those we need to know about.
  const needed = new Set<string>();
  for (const ref of references) {
    if (outcome.has(ref.id)) continue;
    const asserted = cs.nodes.has(ref.id);
    if (!asserted || (ref.field !== undefined && ref.field !== WHOLE_ASSET)) needed.add(ref.id);
  }
  const current = await loadOpenNodeVersions(tx, [...needed]);
  const known = new Map<string, NodeOutcome>(outcome);
  for (const row of current) known.set(row.node_id, { alive: true, definition: row.definition });
  for (const node of cs.nodes.values()) if (!known.has(node.id)) known.set(node.id, { alive: true, definition: node.definition });

  const issues: ChangesetIssue[] = [];
  const fieldCache = new Map<string, Set<string>>();
  for (const ref of references) {
    const node = known.get(ref.id);
    if (!node?.alive) {
      issues.push({
        code: 'UNKNOWN_NODE',
        path: pathOf(ref.place),
        message: `${labelOf(ref)} does not exist and is not asserted in this changeset`,
      });
      continue;
    }
    if (ref.field === undefined || ref.field === WHOLE_ASSET) continue;
    let fields = fieldCache.get(ref.id);
    if (!fields) {
      fields = fieldNames(node.definition);
      fieldCache.set(ref.id, fields);
    }
    if (!fields.has(ref.field)) {
      issues.push({ code: 'UNKNOWN_FIELD', path: `${pathOf(ref.place)}.field`, message: `${labelOf(ref)} has no field "${ref.field}"` });
    }
    if (issues.length >= 100) break;
  }
  if (issues.length > 0) throw new ChangesetRejectedError(issues);
}
