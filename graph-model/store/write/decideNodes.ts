import { contentHash } from '../../canonical.js';
import { fieldNames, mergeDefinitions } from '../../definition.js';
import type { NodeDefinition } from '../../model.js';
import type { Tx } from '../db.js';
import { loadOpenNodeClaims, loadSourceNodeClaims } from '../operations/nodeClaims.js';
import { loadOpenNodeVersions } from '../operations/nodeVersions.js';
import { registeredNodeIds } from '../operations/registerNodes.js';
import type { NodeClaimRow } from '../rows.js';
import { sortKeys } from '../sortKeys.js';
import type { NodeVersionInsert } from '../tables.js';
import { breathe, type AssertedNode, type Normalized } from './normalize.js';

/** Whether a node exists after the changeset, and with what definition (for checking references). */
export interface NodeOutcome {
  alive: boolean;
  definition: NodeDefinition;
}

/** The asserted nodes' identities: the source's own claims on them, and which were never registered. */
export interface Identities {
  /** Asserted node ids in id order, so node rows reach their tables' id indexes in order. */
  assertedIds: string[];
  ownClaims: Pick<NodeClaimRow, 'node_id' | 'content_hash'>[];
  /** Never asserted by anyone: no claims, versions or facts to look up. */
  brandNew: Set<string>;
  /** Their identity rows, in id order, for the registry. */
  fresh: AssertedNode[];
}

export async function findIdentities(tx: Tx, cs: Normalized): Promise<Identities> {
  const { source, mode } = cs.changeset;
  const assertedIds = sortKeys([...cs.nodes.keys()]);
  const ownClaims = await loadSourceNodeClaims(tx, source, mode === 'full' ? 'all' : [...assertedIds, ...cs.retractedNodes]);
  // A node the source has no claim on may never have been registered.
  const owned = new Set(ownClaims.map((claim) => claim.node_id));
  const unclaimed = assertedIds.filter((id) => !owned.has(id));
  const registered = await registeredNodeIds(tx, unclaimed);
  const fresh = unclaimed.filter((id) => !registered.has(id)).map((id) => cs.nodes.get(id)!);
  return { assertedIds, ownClaims, brandNew: new Set(fresh.map((node) => node.id)), fresh };
}

/** What the changeset does to nodes: the source's claims to close and open, the effective versions that follow. */
export interface NodeDecision {
  claimsToClose: string[];
  claimsToOpen: NodeClaimRow[];
  versionsToClose: string[];
  versionsToInsert: NodeVersionInsert[];
  /** Nodes that cease to exist: every fact on them ends. */
  deadNodes: string[];
  /** Fields gone from an asset's effective definition: the facts on them end. */
  removedFields: { nodeId: string; field: string }[];
  outcome: Map<string, NodeOutcome>;
  created: number;
  updated: number;
  deleted: number;
}

export const nodesChange = (decision: NodeDecision) => decision.claimsToOpen.length > 0 || decision.claimsToClose.length > 0;

/**
 * The source's claims that change, then each touched node's effective version: its open claims of
 * every source merged (one claim, the common case, is its own version: same content, same hash).
 */
export async function decideNodes(tx: Tx, cs: Normalized, identities: Identities, version: number): Promise<NodeDecision> {
  const { source, mode } = cs.changeset;
  const { assertedIds, ownClaims, brandNew } = identities;
  const ownById = new Map(ownClaims.map((claim) => [claim.node_id, claim]));
  const claimsToClose: string[] = [];
  const opening: AssertedNode[] = [];
  for (let i = 0; i < assertedIds.length; i++) {
    // Hashing is the slow part: let the rows under way stream to PostgreSQL meanwhile.
    if ((i & 0xfff) === 0xfff) await breathe();
    const node = cs.nodes.get(assertedIds[i]!)!;
    const own = ownById.get(node.id);
    if (!own) {
      void node.hash;
      opening.push(node);
    } else if (own.content_hash !== node.hash) {
      claimsToClose.push(node.id);
      opening.push(node);
    }
  }
  for (const own of ownClaims) {
    if (cs.nodes.has(own.node_id)) continue;
    if (mode === 'full' || cs.retractedNodes.has(own.node_id)) claimsToClose.push(own.node_id);
  }
  const touched = sortKeys([...new Set([...claimsToClose, ...opening.map((n) => n.id)])]);
  const existing = touched.filter((id) => !brandNew.has(id));
  // Sequential on the one connection; both are small next to the rows being written.
  const openClaims = await loadOpenNodeClaims(tx, existing);
  const openVersions = await loadOpenNodeVersions(tx, existing);
  const closing = new Set(claimsToClose);
  const claimsByNode = new Map<string, NodeClaimRow[]>();
  const addClaim = (claim: NodeClaimRow) => {
    if (!claimsByNode.has(claim.node_id)) claimsByNode.set(claim.node_id, []);
    claimsByNode.get(claim.node_id)!.push(claim);
  };
  for (const claim of openClaims) {
    if (claim.source === source && closing.has(claim.node_id)) continue;
    addClaim(claim);
  }
  const claimsToOpen: NodeClaimRow[] = opening.map((n) => ({
    node_id: n.id,
    source,
    from_version: version,
    kind: n.kind,
    content_hash: n.hash,
    definition: n.definition,
  }));
  for (const claim of claimsToOpen) if (!brandNew.has(claim.node_id)) addClaim(claim);

  const versionById = new Map(openVersions.map((row) => [row.node_id, row]));
  const decision: NodeDecision = {
    claimsToClose,
    claimsToOpen,
    versionsToClose: [],
    versionsToInsert: [],
    deadNodes: [],
    removedFields: [],
    outcome: new Map(),
    created: 0,
    updated: 0,
    deleted: 0,
  };
  for (const id of touched) {
    if (brandNew.has(id)) {
      // Its one claim, just opened, is its first version.
      const node = cs.nodes.get(id)!;
      decision.outcome.set(id, { alive: true, definition: node.definition });
      decision.created++;
      decision.versionsToInsert.push({ node_id: id, from_version: version, kind: node.kind, content_hash: node.hash, definition: node.definition });
      continue;
    }
    const claims = (claimsByNode.get(id) ?? []).sort((a, b) => a.from_version - b.from_version || a.source.localeCompare(b.source));
    const before = versionById.get(id);
    if (claims.length === 0) {
      decision.outcome.set(id, { alive: false, definition: {} });
      if (before) {
        decision.versionsToClose.push(id);
        decision.deadNodes.push(id);
        decision.deleted++;
      }
      continue;
    }
    const single = claims.length === 1 ? claims[0]! : null;
    const definition = single ? single.definition : mergeDefinitions(claims.map((c) => c.definition));
    const kind = claims[claims.length - 1]!.kind;
    const hash = single ? single.content_hash : contentHash({ kind, definition });
    decision.outcome.set(id, { alive: true, definition });
    if (before?.content_hash === hash) continue;
    if (before) {
      decision.versionsToClose.push(id);
      decision.updated++;
      const kept = fieldNames(definition);
      for (const field of fieldNames(before.definition)) if (!kept.has(field)) decision.removedFields.push({ nodeId: id, field });
    } else decision.created++;
    decision.versionsToInsert.push({ node_id: id, from_version: version, kind, content_hash: hash, definition });
  }
  return decision;
}
