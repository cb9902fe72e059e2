import type { ComplexityEstimator, ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from './paging.js';

/** A page costs its children times its size: 100 assets with 50 producers each are 5,000 producers. */
export function pageComplexity({ args, childComplexity }: ComplexityEstimatorArgs): number {
  const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
  return 1 + childComplexity * Math.max(1, first);
}

/**
 * What an analysis costs in the complexity estimate, against the default limit of 20,000: a
 * whole-graph analysis (cost attribution, decommission candidates, the audit) walks every node and
 * edge, so a query runs at most four; impact walks everything downstream of its roots; lineage
 * stops at its depth and node cap; search scans every node's name. 1,000 aliases of any of them are
 * refused before one runs.
 */
export const ANALYSIS_COST = {
  wholeGraph: 4_000,
  impact: 2_000,
  lineage: 1_000,
  search: 500,
} as const;

/** An analysis: its own cost, plus what it returns. */
export function analysisComplexity(cost: number): ComplexityEstimator {
  return ({ childComplexity }) => cost + childComplexity;
}

/** A search: its scan, plus its page. */
export function searchComplexity(args: ComplexityEstimatorArgs): number {
  return ANALYSIS_COST.search + pageComplexity(args);
}
