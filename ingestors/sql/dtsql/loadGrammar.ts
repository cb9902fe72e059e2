import type { ParseOutcome } from '../parseStatement.js';
import type { TreeNode } from './parseTree.js';
import type { TreeReader } from './treeReader.js';

export type DtDialect = 'flink' | 'hive' | 'spark';

interface DtParser {
  parse(input: string, onError: (error: { startLine: number; startColumn: number; message: string }) => void): TreeNode;
}

export interface DtGrammar {
  parser: DtParser;
  reader(): TreeReader;
}

/**
 * dt-sql-parser's grammar for a dialect, imported on first use: each is 1.5-2.5 MB of generated
 * ANTLR parser that takes ~150 ms to load (and the first parse another few hundred to warm up),
 * which a server that never ingests Flink SQL should not pay at start-up. Only the dialect's own
 * module is imported, not the package index (which loads all eight grammars).
 */
const loaded = new Map<DtDialect, Promise<DtGrammar>>();

async function load(dialect: DtDialect): Promise<DtGrammar> {
  switch (dialect) {
    case 'flink': {
      const [{ FlinkSQL }, { FlinkReader }] = await Promise.all([import('dt-sql-parser/dist/parser/flink/index.js'), import('./flinkReader.js')]);
      return { parser: new FlinkSQL() as unknown as DtParser, reader: () => new FlinkReader() };
    }
    case 'spark': {
      const [{ SparkSQL }, { SparkReader }] = await Promise.all([import('dt-sql-parser/dist/parser/spark/index.js'), import('./sparkReader.js')]);
      return { parser: new SparkSQL() as unknown as DtParser, reader: () => new SparkReader() };
    }
    case 'hive': {
      const [{ HiveSQL }, { HiveReader }] = await Promise.all([import('dt-sql-parser/dist/parser/hive/index.js'), import('./hiveReader.js')]);
      return { parser: new HiveSQL() as unknown as DtParser, reader: () => new HiveReader() };
    }
  }
}

export function loadGrammar(dialect: DtDialect): Promise<DtGrammar> {
  let grammar = loaded.get(dialect);
  if (!grammar) {
    grammar = load(dialect);
    loaded.set(dialect, grammar);
  }
  return grammar;
}

/**
 * One statement through dt-sql-parser into the lineage model. ANTLR recovers from a syntax error
 * and returns a tree anyway; a statement with any error is refused, at the first error's line and
 * column (1-based, relative to the statement) as dt-sql-parser reports it.
 */
export function parseWithGrammar(grammar: DtGrammar, text: string): ParseOutcome {
  const errors: { startLine: number; startColumn: number; message: string }[] = [];
  const tree = grammar.parser.parse(text, (error) => errors.push(error));
  const first = errors[0];
  if (first) return { ok: false, message: first.message, line: first.startLine, column: first.startColumn };
  const reader = grammar.reader();
  const statement = reader.statement(tree);
  return { ok: true, statement, tables: reader.tables, ...(reader.locations.size > 0 ? { locations: reader.locations } : {}) };
}
