import { parseStatement, type ParseOutcome } from '../parseStatement.js';
import type { ScriptStatement } from '../splitStatements.js';
import { loadGrammar, parseWithGrammar, type DtDialect } from './loadGrammar.js';
import { unwrapStatementSets } from './statementSets.js';

export { relocateAssets } from './relocate.js';
export type { AssetLocation } from './assetLocations.js';

/** Dialects read with dt-sql-parser's ANTLR grammars rather than node-sql-parser's. */
const DT_DIALECTS: Record<string, DtDialect> = { flink: 'flink', flinksql: 'flink', hive: 'hive', spark: 'spark', sparksql: 'spark' };

/**
 * ANTLR's adaptive prediction takes minutes over pathological input (a 20,000-term `a + a + ...`,
 * 2,000 nested parentheses) where node-sql-parser fails at once on its stack guard; such a
 * statement goes to node-sql-parser alone, which reports it as nesting too deeply. Real ETL
 * statements stay far below both limits.
 */
const MAX_GRAMMAR_CHARS = 50_000;
const MAX_GRAMMAR_DEPTH = 100;

function beyondGrammar(text: string): boolean {
  if (text.length > MAX_GRAMMAR_CHARS) return true;
  let depth = 0;
  for (const ch of text) {
    if (ch === '(' && ++depth > MAX_GRAMMAR_DEPTH) return true;
    if (ch === ')') depth--;
  }
  return false;
}

/** How one run reads its statements when its dialect is one of dt-sql-parser's. */
export interface DtScriptParser {
  parse(text: string): ParseOutcome;
  /** Statement keywords that carry lineage in this dialect beyond the common ones (`CACHE TABLE ... AS`, Hive's `FROM t INSERT ...`). */
  keywords: ReadonlySet<string>;
  /** The statements of a script as this dialect groups them (Flink statement sets unwrapped). */
  statements(statements: ScriptStatement[]): ScriptStatement[];
}

/**
 * The parser for a dialect dt-sql-parser reads (Flink SQL, Hive, Spark SQL), its grammar loaded
 * on first use; undefined for the others. UPDATE, DELETE and MERGE stay with node-sql-parser and
 * the MERGE front end, which the corpus already holds to their lineage; a statement the grammar
 * refuses is tried with node-sql-parser before it is an error.
 */
export async function dtScriptParser(dialect: string, database: string): Promise<DtScriptParser | undefined> {
  const dt = DT_DIALECTS[dialect.trim().toLowerCase()];
  if (!dt) return undefined;
  const grammar = await loadGrammar(dt);
  const parse = (text: string): ParseOutcome => {
    if (/^(update|delete|merge)\b/i.test(text) || beyondGrammar(text)) return parseStatement(text, database);
    const outcome = parseWithGrammar(grammar, text);
    if (outcome.ok) return outcome;
    // node-sql-parser accepts a few forms the ANTLR grammars refuse (Hive's `INSERT ... WITH ...
    // SELECT`); the statement is refused, at dt-sql-parser's position, only when both refuse it.
    const fallback = parseStatement(text, database);
    return fallback.ok ? fallback : outcome;
  };
  return {
    parse,
    keywords: new Set(dt === 'flink' ? ['execute'] : ['cache', 'from']),
    statements: dt === 'flink' ? unwrapStatementSets : (statements) => statements,
  };
}
