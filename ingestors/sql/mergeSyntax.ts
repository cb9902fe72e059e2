import { DctxError } from '../../graph-model/dctxError.js';
import { SqlScanError, identifierName, scanSql, type SqlToken } from './sqlTokens.js';

/** A piece of the statement handed to node-sql-parser as it was written, with where it starts. */
export interface Fragment {
  text: string;
  offset: number;
}

/** A table as the MERGE names it: its normalised name, and the text to write it with in a query. */
export interface TableReference {
  name: string;
  text: string;
  alias?: string;
}

export type MergeAction =
  | { kind: 'update'; assignments: { column: string; expr: Fragment }[] }
  /** `UPDATE SET *` / `INSERT *` / `INSERT ROW`: every source column into the target column of its name. */
  | { kind: 'updateAll' }
  | { kind: 'insertAll' }
  /** Columns empty: the target's columns in order. */
  | { kind: 'insert'; columns: string[]; values: Fragment[] }
  | { kind: 'delete' }
  | { kind: 'nothing' };

export interface MergeClause {
  /** `WHEN MATCHED` (and `WHEN NOT MATCHED BY SOURCE`, which also acts on target rows) or `WHEN NOT MATCHED [BY TARGET]`. */
  on: 'matched' | 'notMatchedBySource' | 'notMatched';
  condition?: Fragment;
  action: MergeAction;
}

export interface MergeSyntax {
  target: TableReference;
  source: ({ kind: 'table' } & TableReference) | { kind: 'query'; query: Fragment; alias?: string };
  on: Fragment;
  clauses: MergeClause[];
}

export class MergeSyntaxError extends DctxError<'BAD_QUERY'> {
  constructor(
    message: string,
    /** Offset into the statement text. */
    readonly offset: number,
  ) {
    super('BAD_QUERY', message);
  }
}

const upper = (token: SqlToken | undefined) => (token?.kind === 'word' ? token.text.toUpperCase() : undefined);
/** Words that end a table reference, so they are never taken for its alias. */
const NOT_ALIASES = new Set(['USING', 'ON', 'WHEN', 'AS']);

/**
 * The clauses of `MERGE INTO target [AS] t USING source|(subquery) [AS] s ON ... WHEN [NOT] MATCHED
 * [BY TARGET|SOURCE] [AND ...] THEN UPDATE SET c = e, ... | DELETE | INSERT [(cols)] VALUES (...) |
 * INSERT * | UPDATE SET * | DO NOTHING`, as fragments of the statement: a recogniser of the
 * clause structure only; the expressions and the subquery are left for node-sql-parser.
 */
class MergeRecognizer {
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: SqlToken[],
  ) {}

  private peek(offset = 0): SqlToken | undefined {
    return this.tokens[this.i + offset];
  }

  private fail(expected: string): never {
    const token = this.peek();
    const found = token ? `"${token.text.length > 20 ? token.text.slice(0, 20) + '...' : token.text}"` : 'end of statement';
    throw new MergeSyntaxError(`MERGE: expected ${expected} but ${found} found`, token?.start ?? this.text.length);
  }

  private isWord(word: string, offset = 0): boolean {
    return upper(this.peek(offset)) === word;
  }

  private optional(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.i++;
    return true;
  }

  private expect(word: string): void {
    if (!this.optional(word)) this.fail(word);
  }

  private isPunct(text: string): boolean {
    const token = this.peek();
    return token?.kind === 'punct' && token.text === text;
  }

  /** `a.b.c`, each part a word or a quoted identifier. */
  private qualifiedName(what: string): { name: string; text: string } {
    const parts: SqlToken[] = [];
    for (;;) {
      const token = this.peek();
      if (!token || (token.kind !== 'word' && token.kind !== 'quoted')) this.fail(what);
      parts.push(token);
      this.i++;
      if (!this.isPunct('.')) break;
      this.i++;
    }
    return { name: parts.map(identifierName).join('.'), text: this.text.slice(parts[0]!.start, parts[parts.length - 1]!.end) };
  }

  private alias(): string | undefined {
    const explicit = this.optional('AS');
    const token = this.peek();
    const usable = token && (token.kind === 'quoted' || (token.kind === 'word' && !NOT_ALIASES.has(token.text.toUpperCase())));
    if (!usable) {
      if (explicit) this.fail('an alias');
      return undefined;
    }
    this.i++;
    return token.text;
  }

  /** The tokens up to (not including) the first one `stop` accepts, as one fragment. */
  private fragmentUntil(stop: () => boolean, what: string): Fragment {
    const first = this.i;
    while (this.peek() && !stop()) this.i++;
    if (this.i === first) this.fail(what);
    const start = this.tokens[first]!.start;
    return { text: this.text.slice(start, this.tokens[this.i - 1]!.end), offset: start };
  }

  merge(): MergeSyntax {
    this.expect('MERGE');
    this.optional('INTO');
    const target = { ...this.qualifiedName('the target table') };
    const targetAlias = this.alias();
    this.expect('USING');
    let source: MergeSyntax['source'];
    const group = this.peek();
    if (group?.kind === 'group') {
      this.i++;
      const alias = this.alias();
      source = { kind: 'query', query: { text: group.text.slice(1, -1), offset: group.start + 1 }, ...(alias ? { alias } : {}) };
    } else {
      const table = this.qualifiedName('the source table or a subquery');
      const alias = this.alias();
      source = { kind: 'table', ...table, ...(alias ? { alias } : {}) };
    }
    this.expect('ON');
    const on = this.fragmentUntil(() => this.isWord('WHEN'), 'the ON condition');
    const clauses: MergeClause[] = [];
    while (this.isWord('WHEN')) clauses.push(this.clause());
    if (clauses.length === 0) this.fail('WHEN');
    if (this.isPunct(';')) this.i++;
    if (this.peek()) this.fail('WHEN or the end of the statement');
    return { target: targetAlias ? { ...target, alias: targetAlias } : target, source, on, clauses };
  }

  private clause(): MergeClause {
    this.expect('WHEN');
    const not = this.optional('NOT');
    this.expect('MATCHED');
    let on: MergeClause['on'] = not ? 'notMatched' : 'matched';
    if (not && this.optional('BY')) {
      if (this.optional('SOURCE')) on = 'notMatchedBySource';
      else this.expect('TARGET');
    }
    const condition = this.optional('AND') ? this.fragmentUntil(() => this.isWord('THEN'), 'a condition') : undefined;
    this.expect('THEN');
    const action = this.action();
    return condition ? { on, condition, action } : { on, action };
  }

  private action(): MergeAction {
    if (this.optional('DELETE')) return { kind: 'delete' };
    if (this.optional('DO')) {
      this.expect('NOTHING');
      return { kind: 'nothing' };
    }
    if (this.optional('UPDATE')) {
      this.expect('SET');
      if (this.isPunct('*')) {
        this.i++;
        return { kind: 'updateAll' };
      }
      const assignments: { column: string; expr: Fragment }[] = [];
      do {
        const column = this.qualifiedName('a column to set').name.split('.').pop()!;
        if (!this.isPunct('=')) this.fail('=');
        this.i++;
        const expr = this.fragmentUntil(() => this.isPunct(',') || this.isPunct(';') || this.isWord('WHEN'), 'an expression');
        assignments.push({ column, expr });
      } while (this.isPunct(',') && ++this.i);
      return { kind: 'update', assignments };
    }
    if (this.optional('INSERT')) {
      if (this.isPunct('*') || this.isWord('ROW')) {
        this.i++;
        return { kind: 'insertAll' };
      }
      let columns: string[] = [];
      const list = this.peek();
      if (list?.kind === 'group') {
        this.i++;
        columns = this.items(list).map((item) => {
          const parts = scanSql(this.text, item.offset, item.offset + item.text.length);
          if (parts.length === 0 || parts.some((p) => p.kind !== 'word' && p.kind !== 'quoted' && p.text !== '.')) {
            throw new MergeSyntaxError('MERGE: expected a column name', item.offset);
          }
          return identifierName(parts[parts.length - 1]!);
        });
      }
      this.expect('VALUES');
      const values = this.peek();
      if (values?.kind !== 'group') this.fail('(values)');
      this.i++;
      return { kind: 'insert', columns, values: this.items(values) };
    }
    this.fail('UPDATE, DELETE, INSERT or DO NOTHING');
  }

  /** The comma-separated items of a parenthesised group, as fragments. */
  private items(group: SqlToken): Fragment[] {
    const inner = scanSql(this.text, group.start + 1, group.end - 1);
    const items: Fragment[] = [];
    let first = 0;
    for (let k = 0; k <= inner.length; k++) {
      const token = inner[k];
      if (token && !(token.kind === 'punct' && token.text === ',')) continue;
      if (k === first) throw new MergeSyntaxError('MERGE: empty item in a list', token?.start ?? group.end - 1);
      const start = inner[first]!.start;
      items.push({ text: this.text.slice(start, inner[k - 1]!.end), offset: start });
      first = k + 1;
    }
    return items;
  }
}

/** Recognises a MERGE statement; throws MergeSyntaxError naming the offset where it went wrong. */
export function recognizeMerge(text: string): MergeSyntax {
  let tokens: SqlToken[];
  try {
    tokens = scanSql(text);
  } catch (error) {
    if (error instanceof SqlScanError) throw new MergeSyntaxError(`MERGE: ${error.message}`, error.offset);
    throw error;
  }
  return new MergeRecognizer(text, tokens).merge();
}
