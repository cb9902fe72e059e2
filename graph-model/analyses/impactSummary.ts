export interface KindCount {
  status: 'BROKEN' | 'DEGRADED';
  kind: string;
  count: number;
}

export interface ImpactSummary {
  broken: number;
  degraded: number;
  /** Counts by status and node kind, most first. */
  byKind: KindCount[];
  /** For people: "14 rules broken, 2 tables degraded". */
  text: string;
}

/** Sums impacted nodes by status and kind; traffic sums join here once metrics are stored. */
export function summarizeImpact(impacted: { status: 'BROKEN' | 'DEGRADED'; kind: string }[]): ImpactSummary {
  const counts = new Map<string, KindCount>();
  let broken = 0;
  let degraded = 0;
  for (const node of impacted) {
    if (node.status === 'BROKEN') broken++;
    else degraded++;
    const key = `${node.status}\u001f${node.kind}`;
    const entry = counts.get(key) ?? { status: node.status, kind: node.kind, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  const byKind = [...counts.values()].sort(
    (a, b) => (a.status === b.status ? 0 : a.status === 'BROKEN' ? -1 : 1) || b.count - a.count || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
  );
  const text = byKind.length === 0 ? 'nothing impacted' : byKind.map((k) => `${k.count} ${kindLabel(k.kind, k.count)} ${k.status.toLowerCase()}`).join(', ');
  return { broken, degraded, byKind, text };
}

/** RULE -> rules, BATCH_JOB -> batch jobs. */
function kindLabel(kind: string, count: number): string {
  const words = (kind || 'node').toLowerCase().replace(/_/g, ' ');
  return count === 1 ? words : `${words}s`;
}
