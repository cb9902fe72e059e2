/**
 * The variables and parameters of a procedure, function or script body, which its statements use
 * as values: `WHERE acct_id = p_acct` reads column `acct_id` and a value, not a column `p_acct`.
 * MySQL lets a local variable hide a column of the same name, PL/pgSQL refuses the ambiguity, so
 * in either a name declared in the body is the variable. For the parser each use becomes the
 * literal `0` padded with spaces (every character where it was; Snowflake's `:v` likewise), and
 * `SELECT ... INTO v [, w]` loses its INTO list: it assigns variables, it reads like a SELECT.
 * T-SQL's variables are `@names`, already values (readAst.ts), and its `SELECT ... INTO t` makes a
 * table: it is left as written.
 * Declared: the routine's named parameters (`(IN p_id INT, p_day DATE)`), `DECLARE a, b INT ...`
 * (MySQL, BigQuery) and the declarations of a DECLARE section (`DECLARE a int; b text; BEGIN`,
 * PL/pgSQL and Snowflake).
 */
import { InPlaceText } from './inPlaceText.js';
import { scanSql, type SqlToken, tryScanSql } from './sqlTokens.js';

const STATEMENT_STARTS = new Set([
  'insert', 'update', 'delete', 'merge', 'select', 'with', 'truncate', 'create', 'replace', 'upsert', 'set', 'if', 'while', 'for',
  'return', 'call', 'execute', 'exec', 'perform', 'raise', 'let', 'open', 'fetch', 'close', 'commit', 'rollback', 'begin', 'end',
  'leave', 'iterate', 'signal', 'exit', 'continue', 'null', 'case', 'loop', 'repeat', 'else', 'elseif', 'elsif', 'exception', 'when',
]);
const HANDLERS = new Set(['continue', 'exit', 'undo']);
const CLAUSES_AFTER_INTO = new Set(['from', 'where', 'group', 'having', 'order', 'limit', 'union', 'window', 'qualify']);


function lower(token: SqlToken | undefined): string | undefined {
  return token?.kind === 'word' ? token.text.toLowerCase() : undefined;
}

export class RoutineScope {
  private readonly names = new Set<string>();
  /** The last statement was a declaration of a DECLARE section, which the next may continue. */
  private inSection = false;

  constructor(private readonly database: string) {}

  private get applies(): boolean {
    return this.database !== 'transactsql';
  }

  /** The parameters of the routine head after its PROCEDURE/FUNCTION keyword: `name (params) ...`. */
  parameters(tokens: SqlToken[]): void {
    const group = tokens.find((token) => token.kind === 'group');
    if (!group || !this.applies) return;
    const inside = tryScanSql(group.text.slice(1, -1)) ?? [];
    let param: SqlToken[] = [];
    const take = () => {
      const words = param.filter((t) => t.kind === 'word' || t.kind === 'quoted');
      const named = ['in', 'out', 'inout', 'variadic'].includes(lower(words[0]) ?? '') ? words.slice(1) : words;
      // An unnamed PostgreSQL parameter is its type alone.
      if (named.length >= 2) this.names.add(named[0]!.text.toLowerCase());
      param = [];
    };
    for (const token of inside) {
      if (token.text === ',') take();
      else param.push(token);
    }
    take();
  }

  /** A declaration section opened by the routine head (Oracle's `IS v_n NUMBER;`), `name` its first declaration. */
  openSection(name: string): void {
    if (!this.applies) return;
    this.names.add(name.toLowerCase());
    this.inSection = true;
  }

  /** Records what a DECLARE statement (or a declaration of a DECLARE section) declares; whether it was one. */
  declare(text: string): boolean {
    const tokens = tryScanSql(text) ?? [];
    const first = lower(tokens[0]);
    if (first === 'declare') {
      this.inSection = true;
      if (HANDLERS.has(lower(tokens[1]) ?? '')) return true;
      for (let i = 1; tokens[i]?.kind === 'word'; i += 2) {
        this.names.add(tokens[i]!.text.toLowerCase().replace(/^@/, ''));
        if (tokens[i + 1]?.text !== ',') break;
      }
      return true;
    }
    if (this.inSection && first !== undefined && !STATEMENT_STARTS.has(first) && tokens[1]?.kind === 'word') {
      this.names.add(first);
      return true;
    }
    this.inSection = false;
    return false;
  }

  /** The statement with its variables as values and a SELECT's INTO list removed, for the parser. */
  asValues(text: string): string {
    if (!this.applies) return text;
    const tokens = tryScanSql(text);
    if (!tokens) return text;
    const out = new InPlaceText(text);
    const blank = (start: number, end: number, replacement = '') => out.put(start, end, replacement);
    let rest = tokens;
    if (lower(tokens[0]) === 'select') {
      const into = tokens.findIndex((t) => lower(t) === 'into');
      if (into > 0) {
        let end = into + 1;
        while (tokens[end] && !CLAUSES_AFTER_INTO.has(lower(tokens[end]) ?? '')) end++;
        blank(tokens[into]!.start, tokens[end - 1]!.end);
        rest = [...tokens.slice(0, into), ...tokens.slice(end)];
      }
    }
    if (this.names.size > 0) this.replaceNames(text, rest, blank);
    return out.result();
  }

  private replaceNames(text: string, tokens: SqlToken[], blank: (start: number, end: number, replacement?: string) => void): void {
    tokens.forEach((token, i) => {
      if (token.kind === 'group') {
        this.replaceNames(text, scanSql(text, token.start + 1, token.end - 1), blank);
        return;
      }
      if (token.kind !== 'word' || !this.names.has(token.text.toLowerCase())) return;
      const before = tokens[i - 1];
      const after = tokens[i + 1];
      // Part of a qualified name, a function's name or an alias: not the variable.
      if (after?.text === '.' || (before?.text === '.' && before.end === token.start) || (after?.kind === 'group' && after.start === token.end) || lower(before) === 'as') return;
      const colon = before?.text === ':' && before.end === token.start && tokens[i - 2]?.text !== ':' ? before : undefined;
      blank(colon?.start ?? token.start, token.end, '0');
    });
  }
}
