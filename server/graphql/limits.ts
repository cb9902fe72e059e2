/** The limits the API enforces, each refused with LIMIT_EXCEEDED naming the limit and the value found. */
export interface ApiLimits {
  /** Deepest selection nesting a query may have (fields nested, fragments expanded). */
  maxQueryDepth: number;
  /** Largest estimated cost of a query (each field 1, lists times their page size, analyses their weight). */
  maxQueryComplexity: number;
  /** Most aliases in an operation, fragments expanded. */
  maxQueryAliases: number;
  /** Most directives in an operation, fragments expanded. */
  maxQueryDirectives: number;
  /** Most fragment spreads in an operation, fragments expanded. */
  maxFragmentSpreads: number;
  /** Most lexical tokens in a document, refused while parsing. */
  maxQueryTokens: number;
  /** Deepest lineage walk (hops). */
  maxLineageDepth: number;
  /** Most nodes a lineage result may hold before it is cut (and says truncated). */
  maxLineageNodes: number;
  /** Largest page of any list. */
  maxPageSize: number;
}

export const DEFAULT_LIMITS: ApiLimits = {
  maxQueryDepth: 12,
  maxQueryComplexity: 20_000,
  maxQueryAliases: 50,
  maxQueryDirectives: 50,
  maxFragmentSpreads: 100,
  maxQueryTokens: 2_000,
  maxLineageDepth: 20,
  maxLineageNodes: 10_000,
  maxPageSize: 500,
};

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): ApiLimits {
  return {
    maxQueryDepth: positiveInt(env, 'DCTX_MAX_QUERY_DEPTH', DEFAULT_LIMITS.maxQueryDepth),
    maxQueryComplexity: positiveInt(env, 'DCTX_MAX_QUERY_COMPLEXITY', DEFAULT_LIMITS.maxQueryComplexity),
    maxQueryAliases: positiveInt(env, 'DCTX_MAX_QUERY_ALIASES', DEFAULT_LIMITS.maxQueryAliases),
    maxQueryDirectives: positiveInt(env, 'DCTX_MAX_QUERY_DIRECTIVES', DEFAULT_LIMITS.maxQueryDirectives),
    maxFragmentSpreads: positiveInt(env, 'DCTX_MAX_FRAGMENT_SPREADS', DEFAULT_LIMITS.maxFragmentSpreads),
    maxQueryTokens: positiveInt(env, 'DCTX_MAX_QUERY_TOKENS', DEFAULT_LIMITS.maxQueryTokens),
    maxLineageDepth: positiveInt(env, 'DCTX_MAX_LINEAGE_DEPTH', DEFAULT_LIMITS.maxLineageDepth),
    maxLineageNodes: positiveInt(env, 'DCTX_MAX_LINEAGE_NODES', DEFAULT_LIMITS.maxLineageNodes),
    maxPageSize: positiveInt(env, 'DCTX_MAX_PAGE_SIZE', DEFAULT_LIMITS.maxPageSize),
  };
}
