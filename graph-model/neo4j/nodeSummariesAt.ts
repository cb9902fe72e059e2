import type { ManagedTransaction } from 'neo4j-driver';
import type { NodeSummary } from '../analyses/nodeSummary.js';

/** A Cypher condition: `x` (a relationship or node version) is valid at $version; an open interval has no toVersion. */
export const VALID = (x: string) => `${x}.fromVersion <= $version AND (${x}.toVersion IS NULL OR $version < ${x}.toVersion)`;

/** The nodes among $ids that exist at $version, labelled from their version then. */
const SUMMARIES = `
UNWIND $ids AS id
MATCH (n:Node {id: id})-[:HAS_VERSION]->(v:NodeVersion)
WHERE ${VALID('v')}
RETURN n.id AS id, n:Asset AS asset, n.namespace AS namespace, n.name AS name, v.kind AS kind`;

const SUMMARY_BATCH = 10_000;

/** The summaries at `version` of those of `ids` that exist then (the others are absent from the map). */
export async function summariesAt(tx: ManagedTransaction, ids: string[], version: number): Promise<Map<string, NodeSummary>> {
  const out = new Map<string, NodeSummary>();
  for (let i = 0; i < ids.length; i += SUMMARY_BATCH) {
    const result = await tx.run(SUMMARIES, { ids: ids.slice(i, i + SUMMARY_BATCH), version });
    for (const r of result.records) {
      const id = r.get('id') as string;
      out.set(id, { id, type: r.get('asset') ? 'ASSET' : 'COMPUTATION', kind: r.get('kind') as string, namespace: r.get('namespace') as string, name: r.get('name') as string });
    }
  }
  return out;
}
