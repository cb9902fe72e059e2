import { compactAmount } from './compactAmount.js';

export interface KindCount {
  status: 'BROKEN' | 'DEGRADED';
  kind: string;
  count: number;
  /** Sum of the known traffic of these nodes; null when none of them has traffic known. */
  traffic: number | null;
}

export interface ImpactSummary {
  broken: number;
  degraded: number;
  /** Sum of the known traffic of broken nodes; null when none is known. */
  brokenTraffic: number | null;
  degradedTraffic: number | null;
  /** Counts by status and node kind, most first. */
  byKind: KindCount[];
  /** For people: "14 rules broken (3.1M evaluations/day), 2 tables degraded". */
  text: string;
}

export interface SummarizedNode {
  status: 'BROKEN' | 'DEGRADED';
  kind: string;
  traffic?: number | null;
}

/**
 * Sums impacted nodes by status and kind, with their traffic. Unknown traffic (null) is left out
 * of a sum rather than counted as zero, and a group with no known traffic shows none: "14 rules
 * broken, 0 evaluations/day" would claim the rules are unused. Traffic of different kinds is
 * different things (evaluations, lookups), so it is summed per kind, and per status for totals.
 */
export function summarizeImpact(impacted: SummarizedNode[], trafficUnit = 'traffic'): ImpactSummary {
  const counts = new Map<string, KindCount>();
  let broken = 0;
  let degraded = 0;
  let brokenTraffic: number | null = null;
  let degradedTraffic: number | null = null;
  for (const node of impacted) {
    const traffic = node.traffic ?? null;
    if (node.status === 'BROKEN') {
      broken++;
      brokenTraffic = addKnown(brokenTraffic, traffic);
    } else {
      degraded++;
      degradedTraffic = addKnown(degradedTraffic, traffic);
    }
    const key = `${node.status}\u001f${node.kind}`;
    const entry = counts.get(key) ?? { status: node.status, kind: node.kind, count: 0, traffic: null };
    entry.count++;
    entry.traffic = addKnown(entry.traffic, traffic);
    counts.set(key, entry);
  }
  const byKind = [...counts.values()].sort(
    (a, b) => (a.status === b.status ? 0 : a.status === 'BROKEN' ? -1 : 1) || b.count - a.count || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
  );
  const text =
    byKind.length === 0
      ? 'nothing impacted'
      : byKind
          .map((k) => `${k.count} ${kindLabel(k.kind, k.count)} ${k.status.toLowerCase()}${k.traffic === null ? '' : ` (${compactAmount(k.traffic)} ${trafficUnit})`}`)
          .join(', ');
  return { broken, degraded, brokenTraffic, degradedTraffic, byKind, text };
}

function addKnown(sum: number | null, value: number | null): number | null {
  if (value === null) return sum;
  return (sum ?? 0) + value;
}

/** RULE -> rules, BATCH_JOB -> batch jobs. */
function kindLabel(kind: string, count: number): string {
  const words = (kind || 'node').toLowerCase().replace(/_/g, ' ');
  if (count === 1) return words;
  // QUERY -> queries, but SERVICE_DAY -> service days.
  return /[^aeiou]y$/.test(words) ? `${words.slice(0, -1)}ies` : `${words}s`;
}
