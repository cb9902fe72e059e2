import type { GraphIndex } from '../../../../graph-model/index/graphIndex.js';
import type { LineageBackend } from '../../../../graph-model/neo4j/neo4jLineage.js';
import type { GraphStore } from '../../../../graph-model/store/graphStore.js';
import type { ApiLimits } from '../../../graphql/limits.js';

/** What the Marquez-compatible read API answers from: the same store and index as GraphQL, under the same limits. */
export interface MarquezParts {
  store: GraphStore;
  index: GraphIndex;
  limits: ApiLimits;
  /** Answers the lineage walks (lineage, column-lineage) instead of the index (DCTX_LINEAGE_BACKEND=neo4j); null: the index. */
  lineageBackend?: LineageBackend | null;
}

export const API = '/api/v1';
