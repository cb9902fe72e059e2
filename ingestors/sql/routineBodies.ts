/**
 * Procedure, function and script bodies, whose statements are analysed as the script's own: each
 * INSERT, UPDATE, MERGE, SELECT... inside is a statement of the file, numbered where it stands,
 * at its own line and column (so its errors are too). The splitter (splitStatements.ts) has
 * already cut the script at every `;`, so a body written without quotes (MySQL, T-SQL, BigQuery:
 * `CREATE PROCEDURE p() BEGIN INSERT ...; UPDATE ...; END`) arrives in pieces, the first carrying
 * the head and the last the END; a dollar-quoted one (PostgreSQL `AS $$ ... $$ LANGUAGE plpgsql`,
 * Snowflake `AS $$ ... $$`, `EXECUTE IMMEDIATE $$ ... $$`) as one statement, split here.
 *
 * What is taken off the front of a piece, repeatedly: the routine's head (`CREATE [OR REPLACE |
 * OR ALTER] PROCEDURE | PROC | FUNCTION ...` up to its BEGIN, or T-SQL's `AS` before a
 * statement), block starts (`BEGIN`, `BEGIN TRY | CATCH`, `label:`), control flow up to where its
 * statement starts (`IF | ELSEIF | ELSIF | WHILE | WHEN | FOR ... THEN | DO | LOOP | BEGIN`, T-SQL's
 * `IF cond` before a statement keyword, `ELSE`, `LOOP`, `REPEAT`, `EXCEPTION`), block ends (`END`,
 * `END TRY | CATCH`), PL/pgSQL's `<<label>>` and `RETURN QUERY`. An `END` or `ELSE` no CASE opens
 * ends the piece: what follows it (T-SQL writes `IF c INSERT ... ELSE BEGIN ... END` without `;`)
 * is a piece of its own. Conditions
 * and FOR queries are not analysed (a condition's subquery reads a table: not recorded);
 * `BEGIN TRANSACTION` and the like, DECLARE, SET, RETURN, EXECUTE of a string stay statements
 * that are skipped.
 *
 * Inside a body (not T-SQL), variables and parameters are values, not columns
 * (routineVariables.ts), and `SELECT ... INTO v` assigns variables: it is read as a SELECT.
 */
import { splitStatements, type ScriptStatement } from './splitStatements.js';
import { isWord, lineColumn, scanSql, SqlScanError, type SqlToken } from './sqlTokens.js';
import { RoutineScope } from './routineVariables.js';
import { unreadCondition } from './partialReads.js';

/** Something a body holds that is taken off unread (a condition's query), at its place in the file: an ingest warning. */
export interface BodyNote {
  line: number;
  column: number;
  message: string;
}

/** Words a statement carrying lineage starts with: where T-SQL's `IF cond` ends when it has no BEGIN. */
const STATEMENT_WORDS = new Set(['insert', 'update', 'delete', 'merge', 'select', 'with', 'truncate', 'create', 'replace', 'upsert', 'drop', 'alter']);
/** What may follow T-SQL's `CREATE PROCEDURE p @x INT AS` as the body's first statement (a parameter's `@x AS INT` has a type there). */
const BODY_STARTS = new Set([...STATEMENT_WORDS, 'set', 'declare', 'if', 'while', 'exec', 'execute', 'print', 'return', 'begin', 'drop', 'alter']);
const CONTROL_HEADS = new Set(['if', 'elseif', 'elsif', 'while', 'when', 'for']);
const CONTROL_BODIES = new Set(['then', 'do', 'loop', 'begin']);
const BLOCK_WORDS = new Set(['else', 'loop', 'repeat', 'exception']);
const ENDED_BLOCKS = new Set(['if', 'while', 'loop', 'repeat', 'case', 'for']);
const NOT_BLOCKS = new Set(['transaction', 'tran', 'work', 'distributed']);

/** The words a statement starts with when it may hold a routine head or a block (a label before one too). */
const MAY_OPEN_BODY = /^(?:create|alter|begin|end|if|else|elseif|elsif|while|when|for|loop|repeat|exception|return|execute|declare|<<|[A-Za-z_]\w*\s*:\s*(?:begin|loop|while|repeat|for)\b)/i;

function word(token: SqlToken | undefined): string | undefined {
  return token?.kind === 'word' ? token.text.toLowerCase() : undefined;
}

/** The part of `statement` from `offset` (a token's start) to `end`, at its place in the file. */
function part(statement: ScriptStatement, offset: number, end = statement.text.length): ScriptStatement {
  const { line, column } = lineColumn(statement.text, offset);
  return { text: statement.text.slice(offset, end).trimEnd(), line: statement.line + line - 1, column: line === 1 ? statement.column + column - 1 : column };
}

/** `CREATE [OR REPLACE | OR ALTER] [DEFINER = x] [TEMP] PROCEDURE | PROC | FUNCTION`: the index of the routine keyword. */
function routineHead(tokens: SqlToken[]): number | undefined {
  if (!isWord(tokens[0], 'create', 'alter')) return undefined;
  for (let i = 1; i < Math.min(tokens.length, 12); i++) {
    if (isWord(tokens[i], 'procedure', 'proc', 'function')) return i;
    if (isWord(tokens[i], 'table', 'view', 'index', 'as', 'select')) return undefined;
  }
  return undefined;
}

/**
 * Where a head's `IS` / `AS` opens a declaration section (Oracle PL/SQL: `IS v_n NUMBER; ... BEGIN`),
 * a name and its type after it; -1 when it does not (T-SQL's `AS` before a statement, a quoted body).
 */
function declarationSection(tokens: SqlToken[], from: number): number {
  const at = findTopLevel(tokens, from, (t, k) => isWord(t, 'is', 'as') && tokens[k + 1]?.kind === 'word' && !BODY_STARTS.has(word(tokens[k + 1]) ?? '') && tokens[k + 2]?.kind === 'word');
  return at;
}

/** The first `$tag$ ... $tag$` of a statement: its body's offsets. */
function dollarBody(text: string): { start: number; end: number } | undefined {
  const open = /\$([A-Za-z_]\w*)?\$/.exec(text);
  if (!open) return undefined;
  const start = open.index + open[0].length;
  const end = text.indexOf(open[0], start);
  return end < 0 ? undefined : { start, end };
}

/** The index of the first top-level token after `from` satisfying `test`, CASE ... END skipped. */
function findTopLevel(tokens: SqlToken[], from: number, test: (token: SqlToken, i: number) => boolean): number {
  let cases = 0;
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (isWord(token, 'case')) cases++;
    else if (isWord(token, 'end') && cases > 0) {
      cases--;
      continue;
    }
    if (cases === 0 && test(token, i)) return i;
  }
  return -1;
}

/** Where the statements being read stand: inside a body (its variables), how many BEGINs deep. */
interface BodyState {
  scope?: RoutineScope;
  /** The scope outside any unquoted routine body: a quoted body's, or the script's own DECLAREs'. */
  base?: RoutineScope;
  depth: number;
}

export class RoutineExpander {
  private readonly out: ScriptStatement[] = [];

  constructor(
    private readonly database: string,
    /** Told of each condition or loop query taken off unread (partialReads.ts). */
    private readonly notes?: BodyNote[],
  ) {}

  /** The script's statements with every body's statements in place of it. */
  expand(statements: ScriptStatement[]): ScriptStatement[] {
    // A body without quotes spans pieces: its scope lasts until the END that closes its BEGIN.
    const state: BodyState = { depth: 0 };
    for (const statement of statements) this.piece(statement, state);
    return this.out;
  }

  private piece(statement: ScriptStatement, state: BodyState): void {
    // Most statements are neither in a body nor start one: they are not scanned.
    if (!state.scope && state.depth === 0 && !MAY_OPEN_BODY.test(statement.text)) {
      this.out.push(statement);
      return;
    }
    let tokens: SqlToken[];
    try {
      tokens = scanSql(statement.text);
    } catch (error) {
      if (!(error instanceof SqlScanError)) throw error;
      this.emit(statement, state.scope);
      return;
    }
    const head = routineHead(tokens);
    const immediate = isWord(tokens[0], 'execute') && isWord(tokens[1], 'immediate');
    if (head === undefined && !immediate) {
      // A script's own DECLARE (BigQuery, Snowflake scripting) declares variables for the rest of the file.
      if (!state.scope && isWord(tokens[0], 'declare') && this.database !== 'transactsql') state.scope = state.base = new RoutineScope(this.database);
      this.rest(statement, tokens, 0, state);
      return;
    }
    const scope = new RoutineScope(this.database);
    if (head !== undefined) scope.parameters(tokens.slice(head + 1));
    const body = dollarBody(statement.text);
    if (body) {
      // The body's own statements, at their places in the file.
      const text = statement.text.slice(body.start, body.end);
      const start = part(statement, body.start + text.length - text.trimStart().length, body.end);
      const nested: BodyState = { scope, base: scope, depth: 0 };
      for (const inner of splitStatements(text.trimStart())) this.piece(this.shift(inner, start), nested);
      return;
    }
    const begin = head === undefined ? -1 : findTopLevel(tokens, head + 1, (t, k) => isWord(t, 'begin') || (isWord(t, 'as') && BODY_STARTS.has(word(tokens[k + 1]) ?? '')));
    if (begin < 0) {
      const section = head === undefined ? -1 : declarationSection(tokens, head + 1);
      if (section < 0) {
        this.emit(statement, state.scope);
        return;
      }
      // Oracle's `IS | AS v NUMBER; w DATE; BEGIN`: declarations before the body, as a DECLARE section's.
      state.scope = scope;
      scope.openSection(tokens[section + 1]!.text);
      this.out.push(part(statement, tokens[section]!.start));
      return;
    }
    state.scope = scope;
    // `BEGIN` is taken off by rest(), which counts it; T-SQL's `AS` here.
    this.rest(statement, tokens, isWord(tokens[begin], 'begin') ? begin : begin + 1, state);
  }

  /** A statement of a body split on its own, placed where the body starts in the file. */
  private shift(inner: ScriptStatement, bodyStart: ScriptStatement): ScriptStatement {
    return { text: inner.text, line: bodyStart.line + inner.line - 1, column: inner.line === 1 ? bodyStart.column + inner.column - 1 : inner.column };
  }

  /** Takes block and control-flow words off the front of `tokens[i...]`, then emits the statement. */
  private rest(statement: ScriptStatement, tokens: SqlToken[], from: number, state: BodyState): void {
    let i = from;
    // Where the last construct taken off starts: what is emitted when nothing is left (a statement skipped, which still counts).
    let last = from;
    for (;;) {
      const first = word(tokens[i]);
      if (first === undefined && tokens[i]?.text !== '<') break;
      if (tokens[i + 1]?.text === ':' && isWord(tokens[i + 2], 'begin', 'loop', 'while', 'repeat', 'for')) {
        last = i;
        i += 2; // `label:`
        continue;
      }
      if (first === undefined && tokens[i]?.text === '<' && tokens[i + 1]?.text === '<' && tokens[i + 3]?.text === '>' && tokens[i + 4]?.text === '>') {
        last = i;
        i += 5; // PL/pgSQL's `<<label>>`
        continue;
      }
      if (first === undefined) break;
      if (first === 'begin') {
        if (i + 1 >= tokens.length || NOT_BLOCKS.has(word(tokens[i + 1]) ?? '')) break;
        state.depth++;
        last = i;
        i += isWord(tokens[i + 1], 'try', 'catch', 'atomic') ? 2 : isWord(tokens[i + 1], 'not') && isWord(tokens[i + 2], 'atomic') ? 3 : 1;
        continue;
      }
      if (first === 'end') {
        const next = word(tokens[i + 1]);
        last = i;
        // `END IF`, `END LOOP label`: the whole statement.
        if (next !== undefined && ENDED_BLOCKS.has(next) && tokens.length - (i + 2) <= 1) {
          i = tokens.length;
          break;
        }
        if (next === undefined || !ENDED_BLOCKS.has(next)) {
          state.depth = Math.max(state.depth - 1, 0);
          if (state.depth === 0) state.scope = state.base;
        }
        i += next === 'try' || next === 'catch' ? 2 : 1;
        continue;
      }
      if (first === 'return' && isWord(tokens[i + 1], 'query')) {
        last = i;
        i += 2;
        continue;
      }
      if (BLOCK_WORDS.has(first)) {
        last = i;
        i += 1;
        continue;
      }
      if (CONTROL_HEADS.has(first)) {
        const tsql = this.database === 'transactsql';
        const body = findTopLevel(tokens, i + 1, (t) => CONTROL_BODIES.has(word(t) ?? '') || (tsql && STATEMENT_WORDS.has(word(t) ?? '')));
        last = i;
        const unread = this.notes && unreadCondition(tokens.slice(i, body < 0 ? tokens.length : body));
        if (unread) {
          const { line, column } = part(statement, tokens[i]!.start);
          this.notes!.push({ line, column, message: unread });
        }
        if (body < 0) {
          i = tokens.length;
          break;
        }
        i = isWord(tokens[body], 'then', 'do', 'loop') ? body + 1 : body;
        continue;
      }
      break;
    }
    if (i >= tokens.length) {
      if (tokens[last]) this.out.push(part(statement, tokens[last]!.start));
      return;
    }
    // An END or ELSE that no CASE opened ends this statement; what follows is a piece of its own.
    const end = findTopLevel(tokens, i + 1, (t) => isWord(t, 'end', 'else'));
    if (end >= 0) {
      this.emit(part(statement, tokens[i]!.start, tokens[end]!.start), state.scope);
      this.rest(statement, tokens, end, state);
      return;
    }
    this.emit(i === 0 ? statement : part(statement, tokens[i]!.start), state.scope);
  }

  private emit(statement: ScriptStatement, scope: RoutineScope | undefined): void {
    if (!scope) {
      this.out.push(statement);
      return;
    }
    if (scope.declare(statement.text)) {
      this.out.push(statement);
      return;
    }
    const parseText = scope.asValues(statement.text);
    this.out.push(parseText !== statement.text ? { ...statement, parseText } : statement);
  }
}

/** The statements of a script with the statements of its procedure, function and script bodies in place of them. */
export function expandRoutines(statements: ScriptStatement[], database: string, notes?: BodyNote[]): ScriptStatement[] {
  return new RoutineExpander(database, notes).expand(statements);
}
