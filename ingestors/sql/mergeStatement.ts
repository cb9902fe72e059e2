import sqlParser from 'node-sql-parser';
import { DctxError } from '../../graph-model/dctxError.js';
import { unreachable } from '../../graph-model/model.js';
import { recognizeMerge, MergeSyntaxError, type Fragment, type MergeClause, type MergeSyntax } from './mergeSyntax.js';
import type { ParseOutcome } from './parseStatement.js';
import type { MergeBranch } from './queryModel.js';
import { AstReader } from './readAst.js';
import { lineColumn } from './sqlTokens.js';

const parser = new sqlParser.Parser();

/** A query written for the parser, and the fragments of the MERGE it holds (to locate a parse error). */
interface BranchQuery {
  targets: MergeBranch['targets'];
  sql: string;
  fragments: { fragment: Fragment; wrap: (text: string) => string; prefix: number }[];
}

const asExpression = (fragment: Fragment) => ({ fragment, wrap: (text: string) => `SELECT ${text}`, prefix: 'SELECT '.length });
const asQuery = (fragment: Fragment) => ({ fragment, wrap: (text: string) => text, prefix: 0 });

class FragmentError extends DctxError<'BAD_QUERY'> {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super('BAD_QUERY', message);
  }
}

function errorOffset(error: unknown): number | undefined {
  const offset = (error as { location?: { start?: { offset?: unknown } } } | null)?.location?.start?.offset;
  return typeof offset === 'number' ? offset : undefined;
}

/**
 * The queries a MERGE amounts to, for lineage: the target joined to the source on the ON condition
 * (what shapes every written row), and per WHEN clause the values it writes, selected from what is
 * in scope there (target and source when matched, the source alone for an INSERT, the target alone
 * for NOT MATCHED BY SOURCE), filtered by the clause's condition.
 */
function branchQueries(merge: MergeSyntax): BranchQuery[] {
  const target = merge.target.text + (merge.target.alias ? ` AS ${merge.target.alias}` : '');
  const sourceAlias = merge.source.kind === 'query' ? (merge.source.alias ?? 'dctx_source') : merge.source.alias;
  const source = (merge.source.kind === 'query' ? `(${merge.source.query.text})` : merge.source.text) + (sourceAlias ? ` AS ${sourceAlias}` : '');
  const sourceFragments = merge.source.kind === 'query' ? [asQuery(merge.source.query)] : [];
  // `s.*` names the source by its alias, or by the last part of its name.
  const sourceStar = `${sourceAlias ?? (merge.source.kind === 'table' ? merge.source.text.split('.').pop() : 'dctx_source')}.*`;

  const queries: BranchQuery[] = [
    { targets: [], sql: `SELECT 1 FROM ${target} INNER JOIN ${source} ON ${merge.on.text}`, fragments: [...sourceFragments, asExpression(merge.on)] },
  ];
  for (const clause of merge.clauses) {
    const from = clause.on === 'matched' ? `${target}, ${source}` : clause.on === 'notMatched' ? source : target;
    const fromFragments = clause.on === 'notMatchedBySource' ? [] : sourceFragments;
    const where = clause.condition ? ` WHERE ${clause.condition.text}` : '';
    const conditionFragments = clause.condition ? [asExpression(clause.condition)] : [];
    const { targets, items, fragments } = written(clause, sourceStar);
    queries.push({
      targets,
      sql: `SELECT ${items.length > 0 ? items.join(', ') : '1'} FROM ${from}${where}`,
      fragments: [...fromFragments, ...fragments.map(asExpression), ...conditionFragments],
    });
  }
  return queries;
}

/** The select items of what a WHEN clause writes, and which target columns they go to. */
function written(clause: MergeClause, sourceStar: string): { targets: MergeBranch['targets']; items: string[]; fragments: Fragment[] } {
  const action = clause.action;
  switch (action.kind) {
    case 'update':
      return {
        targets: action.assignments.map((a) => a.column),
        items: action.assignments.map((a, i) => `${a.expr.text} AS dctx_c${i}`),
        fragments: action.assignments.map((a) => a.expr),
      };
    case 'insert':
      return {
        targets: action.columns.length > 0 ? action.columns : 'position',
        items: action.values.map((v, i) => `${v.text} AS dctx_c${i}`),
        fragments: action.values,
      };
    case 'updateAll':
    case 'insertAll':
      return { targets: 'names', items: [sourceStar], fragments: [] };
    case 'delete':
    case 'nothing':
      return { targets: [], items: [], fragments: [] };
    default:
      return unreachable(action);
  }
}

/** The first fragment of a query the parser refuses on its own, located in the statement. */
function locateError(query: BranchQuery, database: string, message: string): FragmentError {
  for (const { fragment, wrap, prefix } of query.fragments) {
    try {
      parser.astify(wrap(fragment.text), { database });
    } catch (error) {
      const at = Math.min(Math.max((errorOffset(error) ?? prefix) - prefix, 0), fragment.text.length);
      return new FragmentError(error instanceof Error ? error.message : String(error), fragment.offset + at);
    }
  }
  return new FragmentError(message, query.fragments[0]?.fragment.offset ?? 0);
}

function parseBranch(query: BranchQuery, database: string, reader: AstReader): MergeBranch {
  let ast: unknown;
  try {
    ast = parser.astify(query.sql, { database });
  } catch (error) {
    throw locateError(query, database, error instanceof Error ? error.message : String(error));
  }
  const select = Array.isArray(ast) ? ast[0] : ast;
  return { targets: query.targets, query: reader.select(select) };
}

/** The tables the MERGE's source reads: the source table, or those of its subquery. */
function sourceTables(merge: MergeSyntax, database: string, defaultSchema: string | undefined): string[] {
  const reader = new AstReader(defaultSchema);
  if (merge.source.kind === 'table') return [reader.qualify(merge.source.name)];
  try {
    reader.select(parser.astify(merge.source.query.text, { database }));
  } catch (error) {
    throw locateError({ targets: [], sql: '', fragments: [asQuery(merge.source.query)] }, database, String(error));
  }
  return [...reader.tables];
}

/**
 * A MERGE statement, which node-sql-parser has no grammar for in any dialect: its clauses are
 * recognised here (mergeSyntax.ts) and its expressions and subquery parsed by node-sql-parser as
 * parts of ordinary SELECTs, so that the lineage analysis reads it like any query. Unqualified
 * table names resolve in `defaultSchema` (session.ts), as elsewhere.
 */
export function parseMerge(text: string, database: string, defaultSchema?: string): ParseOutcome {
  try {
    const merge = recognizeMerge(text);
    // The session's default schema (USE, SET search_path) applies to the target and source as to any query's tables.
    const reader = new AstReader(defaultSchema);
    const branches = branchQueries(merge).map((query) => parseBranch(query, database, reader));
    const target = reader.qualify(merge.target.name);
    reader.tables.add(target);
    return {
      ok: true,
      statement: { kind: 'merge', target, sourceTables: sourceTables(merge, database, defaultSchema), branches },
      tables: reader.tables,
    };
  } catch (error) {
    if (!(error instanceof MergeSyntaxError) && !(error instanceof FragmentError)) throw error;
    return { ok: false, message: error.message, ...lineColumn(text, error.offset) };
  }
}
