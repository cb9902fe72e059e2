import type { Policy } from '../../graph-model/analyses/policy.js';
import type { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { ImpactBackend } from '../../graph-model/neo4j/neo4jImpact.js';
import type { LineageBackend } from '../../graph-model/neo4j/neo4jLineage.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import type { Principal } from '../auth/scopes.js';
import { analysisCacheOf, type AnalysisCache } from './analysisCache.js';
import type { ApiLimits } from './limits.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { RuleFeatureSource } from './ruleFeatureSource.js';

/** What every resolver of one request sees. Loaders are per request, so nothing is cached across callers. */
export interface GraphQLContext {
  store: GraphStore;
  index: GraphIndex;
  principal: Principal;
  requestId: string;
  limits: ApiLimits;
  loaders: Loaders;
  ruleFeatures: RuleFeatureSource | null;
  /** The compliance policy audits apply unless a request brings its own. */
  policy: Policy;
  /** Whole-graph analyses by graph version and arguments, shared by the requests on this index. */
  analyses: AnalysisCache;
  /** Answers lineage (node and field level) instead of the index (DCTX_LINEAGE_BACKEND=neo4j); null: the index. */
  lineageBackend: LineageBackend | null;
  /** Answers impact instead of the index (DCTX_LINEAGE_BACKEND=neo4j); null: the index. */
  impactBackend: ImpactBackend | null;
}

export interface ServiceParts {
  store: GraphStore;
  index: GraphIndex;
  limits: ApiLimits;
  ruleFeatures?: RuleFeatureSource | null;
  policy: Policy;
  lineageBackend?: LineageBackend | null;
  impactBackend?: ImpactBackend | null;
}

export function requestContext(parts: ServiceParts, principal: Principal, requestId: string): GraphQLContext {
  return {
    store: parts.store,
    index: parts.index,
    limits: parts.limits,
    ruleFeatures: parts.ruleFeatures ?? null,
    policy: parts.policy,
    principal,
    requestId,
    loaders: createLoaders(parts.store),
    analyses: analysisCacheOf(parts.index),
    lineageBackend: parts.lineageBackend ?? null,
    impactBackend: parts.impactBackend ?? null,
  };
}
