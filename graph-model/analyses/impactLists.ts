import type { VersionedGraph } from '../index/versionedGraph.js';
import type { ImpactOptions, ImpactedNode } from './impact.js';
import type { ImpactReason } from './impactEvidence.js';
import { ImpactTally } from './impactSummary.js';

/**
 * The broken and degraded lists of an impact report, filled in distance order. Every node is
 * tallied for the summary; only the listed ones (up to `limit` per list) get an object, owners
 * and an evidence path, which is most of an unlimited report's cost on a hub.
 */
export class ImpactLists {
  readonly broken: ImpactedNode[] = [];
  readonly degraded: ImpactedNode[] = [];
  readonly tally = new ImpactTally();
  truncated = false;
  private readonly limit: number;

  constructor(
    private readonly graph: VersionedGraph,
    private readonly version: number,
    private readonly options: Pick<ImpactOptions, 'traffic' | 'limit'>,
  ) {
    this.limit = options.limit === undefined ? Infinity : Math.max(0, Math.floor(options.limit));
  }

  /**
   * Tallies node `n` and, while its list has room, lists it with what `describe` says of it
   * (called only for listed nodes; `entry` is the caller's handle on the node, passed through).
   */
  add(n: number, isBroken: boolean, describe: (entry: number) => ImpactDescription, entry: number): void {
    const nodes = this.graph.nodes;
    const status = isBroken ? 'BROKEN' : 'DEGRADED';
    const kind = nodes.kindAt(n, this.version);
    const traffic = this.options.traffic ? (this.options.traffic.get(nodes.ids[n]!) ?? null) : null;
    this.tally.add(status, kind, traffic);
    const list = isBroken ? this.broken : this.degraded;
    if (list.length >= this.limit) {
      this.truncated = true;
      return;
    }
    const { distance, reason, path } = describe(entry);
    list.push({
      id: nodes.ids[n]!,
      type: nodes.type(n),
      kind,
      namespace: nodes.namespaces[n]!,
      name: nodes.names[n]!,
      status,
      reason,
      distance,
      path,
      owners: [...(nodes.versionAt(n, this.version)?.owners ?? [])],
      traffic,
    });
  }
}

/** How a listed node was reached: hops from a root, why, and the path of ids. */
export interface ImpactDescription {
  distance: number;
  reason: ImpactReason;
  path: string[];
}
