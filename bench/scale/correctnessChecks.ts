import { createHash } from 'node:crypto';
import type { CostAttributionReport } from '../../graph-model/analyses/costAttribution.js';
import { lineage } from '../../graph-model/analyses/lineage.js';
import type { VersionedGraph } from '../../graph-model/index/versionedGraph.js';
import type { Db } from '../../graph-model/store/db.js';
import { marquezDownstream } from './marquezBaseline.js';
import { platformChangesets } from './platformGenerator.js';
import type { PlatformShape } from './platformShape.js';

/** Walks are never cut in the benchmark: a truncated result would be compared with a complete one. */
export const UNCAPPED = 10_000_000;

/** A digest of every generated changeset, and the platform's size: equal for equal shapes. */
export function generatorFingerprint(shape: PlatformShape): { sha256: string; nodes: number; edges: number } {
  const hash = createHash('sha256');
  let nodes = 0;
  let edges = 0;
  for (const cs of platformChangesets(shape)) {
    hash.update(JSON.stringify(cs));
    nodes += cs.assets!.length + cs.computations!.length;
    edges += cs.edges!.length;
  }
  return { sha256: hash.digest('hex'), nodes, edges };
}

export class BaselineDisagreement extends Error {
  override name = 'BaselineDisagreement';
}

/**
 * Downstream lineage from the index and the Marquez-style CTE must reach the same nodes (the start
 * excluded) at the version job_io was built for (`asOf`, default the index's latest); throws
 * BaselineDisagreement naming what one has and the other lacks.
 */
export async function checkBaselineAgreement(graph: VersionedGraph, db: Db, startId: string, depth: number, asOf?: number): Promise<{ depth: number; nodes: number }> {
  const ours = new Set(lineage(graph, { ids: [startId], direction: 'DOWNSTREAM', depth, asOf, maxNodes: UNCAPPED }).nodes.map((n) => n.id));
  ours.delete(startId);
  const theirs = new Set(await marquezDownstream(db, startId, depth));
  const onlyOurs = [...ours].filter((id) => !theirs.has(id));
  const onlyTheirs = [...theirs].filter((id) => !ours.has(id));
  if (onlyOurs.length > 0 || onlyTheirs.length > 0) {
    throw new BaselineDisagreement(
      `downstream of ${startId} at depth ${depth}: index ${ours.size} nodes, Marquez-style CTE ${theirs.size}; ` +
        `only in the index: ${onlyOurs.length} (${onlyOurs.slice(0, 5).join(', ')}), only in the CTE: ${onlyTheirs.length} (${onlyTheirs.slice(0, 5).join(', ')})`,
    );
  }
  return { depth, nodes: ours.size };
}

export class CostNotConserved extends Error {
  override name = 'CostNotConserved';
}

/**
 * Conservation (docs/design.md, "Cost attribution"): what reaches terminals adds up to the total own
 * cost, and the total own cost is the sum of the cost map over nodes valid at the version.
 */
export function checkCostConservation(report: CostAttributionReport, cost: ReadonlyMap<string, number>): { totalCost: number; relativeError: number } {
  let costed = 0;
  const ignored = new Set(report.ignored);
  for (const [id, value] of cost) if (!ignored.has(id)) costed += value;
  const tolerance = 1e-9 * Math.max(1, report.totalCost);
  const drift = Math.abs(report.attributedTotal + report.unattributedTotal - report.totalCost);
  if (drift > tolerance || Math.abs(costed - report.totalCost) > tolerance) {
    throw new CostNotConserved(
      `total own cost ${report.totalCost}, cost map over valid nodes ${costed}, attributed ${report.attributedTotal} + unattributed ${report.unattributedTotal}`,
    );
  }
  return { totalCost: report.totalCost, relativeError: drift / Math.max(1, report.totalCost) };
}
