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
  /**
   * Broken and degraded verdicts whose evidence path takes a step on unknown field usage
   * (UNKNOWN_FIELD_USAGE): assumed, not proven, until those consumers declare the fields they read.
   */
  assumingFieldUsage: number;
  /** Retired or disabled rules and models reached by the change: listed apart, in no count above. */
  inactive: number;
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
  const tally = new ImpactTally();
  for (const node of impacted) tally.add(node.status, node.kind, node.traffic ?? null);
  return tally.summary(trafficUnit);
}

/**
 * The running sums behind summarizeImpact, fed one node at a time: an impact report counts every
 * impacted node without building an object for each (a hub's impact reaches 100k+ nodes).
 */
export class ImpactTally {
  // By status, then by kind: no key string built per node.
  private readonly brokenByKind = new Map<string, KindCount>();
  private readonly degradedByKind = new Map<string, KindCount>();
  private broken = 0;
  private degraded = 0;
  private brokenTraffic: number | null = null;
  private degradedTraffic: number | null = null;
  private assuming = 0;
  private inactive = 0;

  addInactive(): void {
    this.inactive++;
  }

  add(status: 'BROKEN' | 'DEGRADED', kind: string, traffic: number | null, assumesFieldUsage = false): void {
    if (assumesFieldUsage) this.assuming++;
    let byKind: Map<string, KindCount>;
    if (status === 'BROKEN') {
      this.broken++;
      this.brokenTraffic = addKnown(this.brokenTraffic, traffic);
      byKind = this.brokenByKind;
    } else {
      this.degraded++;
      this.degradedTraffic = addKnown(this.degradedTraffic, traffic);
      byKind = this.degradedByKind;
    }
    let entry = byKind.get(kind);
    if (!entry) {
      entry = { status, kind, count: 0, traffic: null };
      byKind.set(kind, entry);
    }
    entry.count++;
    entry.traffic = addKnown(entry.traffic, traffic);
  }

  summary(trafficUnit = 'traffic'): ImpactSummary {
    const byKind = [...this.brokenByKind.values(), ...this.degradedByKind.values()].sort(
      (a, b) => (a.status === b.status ? 0 : a.status === 'BROKEN' ? -1 : 1) || b.count - a.count || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
    );
    const text =
      byKind.length === 0
        ? 'nothing impacted'
        : byKind
            .map((k) => `${k.count} ${kindLabel(k.kind, k.count)} ${k.status.toLowerCase()}${k.traffic === null ? '' : ` (${compactAmount(k.traffic)} ${trafficUnit})`}`)
            .join(', ');
    const notes = [
      ...(this.assuming > 0 ? [`${this.assuming} of them on unknown field usage`] : []),
      ...(this.inactive > 0 ? [`${this.inactive} retired or disabled not counted`] : []),
    ];
    return {
      broken: this.broken,
      degraded: this.degraded,
      brokenTraffic: this.brokenTraffic,
      degradedTraffic: this.degradedTraffic,
      byKind,
      assumingFieldUsage: this.assuming,
      inactive: this.inactive,
      text: notes.length === 0 ? text : `${text} (${notes.join('; ')})`,
    };
  }
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
