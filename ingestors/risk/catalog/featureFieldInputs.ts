import { WHOLE_ASSET, type TransformationType } from '../../../graph-model/model.js';
import { parseStatement } from '../../sql/parseStatement.js';
import { statementLineage } from '../../sql/statementLineage.js';
import { tryParseRuleExpression } from '../expression/index.js';
import type { AssetIdentity } from './assetReference.js';

/** One column (or whole asset) a feature's pipeline reads to compute the feature. */
export interface FeatureFieldInput {
  readonly asset: AssetIdentity;
  readonly field: string;
  readonly transformation: { type: TransformationType; subtype: string; masking?: boolean };
}

/**
 * The fields a feature is computed from, read from its definition: its `sql:` through the SQL
 * column-lineage analysis (ingestors/sql), its `expression:` through the expression parser. A
 * source the definition does not visibly read column by column (`SELECT *`, a table the SQL does
 * not name, an expression that does not parse) gets no field inputs: its field usage stays unknown,
 * which impact reports as such (UNKNOWN_FIELD_USAGE) rather than guessing.
 */
export function featureFieldInputs(definition: { sql?: string; expression?: string }, sources: readonly AssetIdentity[]): FeatureFieldInput[] {
  if (definition.sql !== undefined) return sqlFieldInputs(definition.sql, sources);
  if (definition.expression !== undefined) return expressionFieldInputs(definition.expression, sources);
  return [];
}

/** The table a SQL name stands for among the sources: same name, or a name ending in `.<table>`. */
function sourceNamed(sources: readonly AssetIdentity[], table: string): AssetIdentity | undefined {
  const wanted = table.toLowerCase();
  return sources.find((s) => s.name.toLowerCase() === wanted) ?? sources.find((s) => s.name.toLowerCase().endsWith(`.${wanted}`));
}

// A feature's query is a SELECT; the lineage analysis reads writes, so it is analysed as the write filling the feature.
const FEATURE_TARGET = 'dctx_feature_query';

function sqlFieldInputs(sql: string, sources: readonly AssetIdentity[]): FeatureFieldInput[] {
  const parsed = parseStatement(`INSERT OVERWRITE TABLE ${FEATURE_TARGET} ${sql.trim().replace(/;\s*$/, '')}`, 'hive');
  if (!parsed.ok || parsed.statement.kind !== 'write') return [];
  const lineage = statementLineage(parsed.statement, () => ({}));
  const opaque = new Set(lineage.opaque.map((table) => sourceNamed(sources, table)));
  const inputs: FeatureFieldInput[] = [];
  for (const dep of [...lineage.outputs.flatMap((output) => output.deps), ...lineage.indirect]) {
    const asset = sourceNamed(sources, dep.table);
    if (!asset || opaque.has(asset)) continue;
    inputs.push({ asset, field: dep.field, transformation: { type: dep.type, subtype: dep.subtype, ...(dep.masking ? { masking: true } : {}) } });
  }
  return inputs;
}

/**
 * Window aggregates over a stream or table: `<aggregate> [over <window>] [by <key>] [excluding
 * <field> in <table>]`, e.g. `sum(amount_usd) over 1h by user_id`, or an arithmetic expression of
 * other features (`user_txn_amt_max_24h / user_txn_amt_avg_30d`). The aggregate is a rule-language
 * expression (`count(*)` read as `count()`); its variables are columns of the sources, or features
 * read whole when a source is named so.
 */
const WINDOW_EXPRESSION = /^(?<body>.+?)(?:\s+over\s+(?<window>\w+))?(?:\s+by\s+(?<key>\w+))?(?:\s+excluding\s+(?<excluded>\w+)\s+in\s+(?<table>[\w.]+))?\s*$/is;

function expressionFieldInputs(expression: string, sources: readonly AssetIdentity[]): FeatureFieldInput[] {
  const match = WINDOW_EXPRESSION.exec(expression.trim());
  if (!match?.groups) return [];
  const { body, key, excluded, table } = match.groups;
  const parsed = tryParseRuleExpression(body!.replace(/\(\s*\*\s*\)/g, '()'));
  if (!parsed.ok) return [];
  const excludedFrom = table === undefined ? undefined : sourceNamed(sources, table);
  const features = new Map(sources.map((s) => [s.name, s]));
  const columnSources = sources.filter((s) => s !== excludedFrom);
  const inputs: FeatureFieldInput[] = [];
  const column = (name: string, transformation: FeatureFieldInput['transformation'], from: readonly AssetIdentity[] = columnSources) => {
    const feature = features.get(name);
    if (feature) inputs.push({ asset: feature, field: WHOLE_ASSET, transformation: { type: 'DIRECT', subtype: 'TRANSFORMATION' } });
    else for (const asset of from) inputs.push({ asset, field: name, transformation });
  };
  for (const reference of parsed.references) {
    if (reference.kind === 'VARIABLE') column(reference.name, { type: 'DIRECT', subtype: 'AGGREGATION' });
    else if (reference.kind === 'FEATURE') {
      const feature = sourceNamed(sources, reference.name);
      if (feature) inputs.push({ asset: feature, field: WHOLE_ASSET, transformation: { type: 'DIRECT', subtype: 'TRANSFORMATION' } });
    }
  }
  if (key !== undefined) column(key, { type: 'INDIRECT', subtype: 'GROUP_BY' });
  if (excluded !== undefined) column(excluded, { type: 'INDIRECT', subtype: 'FILTER' }, sources);
  return inputs;
}
