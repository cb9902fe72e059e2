import type { ScriptStatement } from '../splitStatements.js';

const OPENING = /^(?:EXECUTE\s+)?STATEMENT\s+SET\s+BEGIN\s+|^BEGIN\s+STATEMENT\s+SET\s*$/i;

/**
 * Flink's `EXECUTE STATEMENT SET BEGIN INSERT ...; INSERT ...; END` (and the SQL client's older
 * `BEGIN STATEMENT SET; ... END;`) runs several INSERTs as one job. The script splitter cuts it at
 * its semicolons; this takes the opening words off the first INSERT, so that each INSERT is read
 * as a statement of its own (the job's lineage is the union of theirs). What is left (`END`, a lone
 * `BEGIN STATEMENT SET`) carries no lineage and is skipped like any other such statement; the
 * statements keep their numbers.
 */
export function unwrapStatementSets(statements: ScriptStatement[]): ScriptStatement[] {
  return statements.map((statement) => {
    const opening = OPENING.exec(statement.text);
    if (!opening || opening[0].length === statement.text.length) return statement;
    const skipped = opening[0];
    const lines = skipped.split('\n');
    const line = statement.line + lines.length - 1;
    const column = lines.length === 1 ? statement.column + skipped.length : lines[lines.length - 1]!.length + 1;
    return { text: statement.text.slice(skipped.length), line, column };
  });
}
