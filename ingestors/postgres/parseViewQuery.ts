import sqlParser from 'node-sql-parser';
import { AstReader, type Select } from '../sql/index.js';

const parser = new sqlParser.Parser();

export type ViewQueryOutcome = { ok: true; query: Select } | { ok: false; message: string };

function positionOf(error: unknown): string {
  const start = (error as { location?: { start?: { line?: unknown; column?: unknown } } } | null)?.location?.start;
  return typeof start?.line === 'number' && typeof start.column === 'number' ? ` (line ${start.line}, column ${start.column})` : '';
}

/**
 * The query of a view as `pg_get_viewdef` prints it, in the SQL ingestor's lineage model. The text
 * is parsed as a bare query, not wrapped in CREATE VIEW: node-sql-parser's CREATE VIEW grammar
 * refuses a UNION that the same parser reads fine on its own.
 */
export function parseViewQuery(definition: string): ViewQueryOutcome {
  let ast: unknown;
  try {
    ast = parser.astify(definition.trim().replace(/;$/, ''), { database: 'postgresql' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `cannot parse the view definition${positionOf(error)}: ${message}` };
  }
  const asts = Array.isArray(ast) ? ast : [ast];
  const [query] = asts as { type?: unknown }[];
  if (asts.length !== 1 || query?.type !== 'select') {
    return { ok: false, message: 'the view definition did not parse as one SELECT' };
  }
  return { ok: true, query: new AstReader().select(query) };
}
