/** The risk-control front ends: the declarative catalog ingestor (`dctx ingest risk <dir>`) and the rule-expression language. */
export { riskCatalogIngestor, riskCatalogSourceId, type RiskCatalogInput } from './catalog/index.js';
export { parseRuleExpression, tryParseRuleExpression, ExpressionSyntaxError, type ExpressionReference, type ParsedRuleExpression, type TryParseResult } from './expression/index.js';
