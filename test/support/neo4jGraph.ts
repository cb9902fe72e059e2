import type { Driver } from 'neo4j-driver';

/**
 * Everything the projection holds, as sorted text lines (labels and properties of every node,
 * type, ends and properties of every relationship), for comparing two projections whole. The
 * projection's bookkeeping that differs between two equal syncs (when it ran, how many
 * transactions it took, when migrations were applied) is left out.
 */
export async function dumpProjection(driver: Driver): Promise<{ nodes: string[]; relationships: string[] }> {
  const name = `CASE WHEN n:NodeVersion THEN n.nodeId + '@' + toString(n.fromVersion) WHEN n:Tag THEN n.key + '=' + n.value ELSE coalesce(n.id, n.name) END`;
  const ends = (v: string) => name.replaceAll('n.', `${v}.`).replaceAll('n:', `${v}:`);
  const { records: nodes } = await driver.executeQuery(
    `MATCH (n) WHERE NOT n:DctxMigration RETURN labels(n) AS labels, properties(n) AS props`,
  );
  const { records: relationships } = await driver.executeQuery(
    `MATCH (a)-[r]->(b) RETURN type(r) AS type, ${ends('a')} AS a, ${ends('b')} AS b, properties(r) AS props`,
  );
  const text = (value: Record<string, unknown>) =>
    JSON.stringify(Object.fromEntries(Object.entries(value).filter(([k]) => !['projectedAt', 'transactions'].includes(k)).sort(([x], [y]) => x.localeCompare(y))));
  return {
    nodes: nodes.map((r) => `${(r.get('labels') as string[]).sort().join(':')} ${text(r.get('props'))}`).sort(),
    relationships: relationships.map((r) => `${r.get('a')} -[${r.get('type')} ${text(r.get('props'))}]-> ${r.get('b')}`).sort(),
  };
}
