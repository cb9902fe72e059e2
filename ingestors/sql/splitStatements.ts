import { tsqlStatementEndsBefore } from './tsqlBoundaries.js';

/** One statement of a SQL script, with where it starts in the file (1-based line and column). */
export interface ScriptStatement {
  text: string;
  line: number;
  column: number;
  /** What the parser reads instead, every character where it was (a body's variables as values: routineVariables.ts). */
  parseText?: string;
}

/**
 * Splits a script on semicolons (and T-SQL `GO` lines, SQL*Plus `/` lines; with `tsql`, also where a T-SQL statement
 * without `;` ends, tsqlBoundaries.ts) outside strings, quoted identifiers, comments and dollar-quoted
 * bodies, because the parser fails a whole multi-statement input on one bad statement. Leading
 * comments and whitespace are not part of a statement, so its position is that of its first keyword
 * and editing a comment above it does not change its text.
 */
export function splitStatements(script: string, options: { tsql?: boolean } = {}): ScriptStatement[] {
  const statements: ScriptStatement[] = [];
  /** Parenthesis depth, for T-SQL's statements without `;` (tsqlBoundaries.ts). */
  let depth = 0;
  /** Nothing but blanks since the last line break. */
  let lineStart = true;
  let line = 1;
  let column = 1;
  let start: { index: number; line: number; column: number } | null = null;
  let i = 0;

  const advance = (count: number) => {
    for (let k = 0; k < count && i < script.length; k++, i++) {
      if (script[i] === '\n') {
        line++;
        column = 1;
      } else column++;
    }
  };
  const finish = (end: number) => {
    if (start) {
      const text = script.slice(start.index, end).trimEnd();
      if (text.length > 0) statements.push({ text, line: start.line, column: start.column });
    }
    start = null;
  };
  /** Advances past a quoted run opened at `i` by `quote`; doubled quotes and backslashes escape. */
  const skipQuoted = (quote: string) => {
    advance(1);
    while (i < script.length) {
      const ch = script[i];
      if (ch === '\\' && quote !== '`') {
        advance(2);
        continue;
      }
      if (ch === quote) {
        if (script[i + 1] === quote) {
          advance(2);
          continue;
        }
        advance(1);
        return;
      }
      advance(1);
    }
  };

  while (i < script.length) {
    const ch = script[i]!;
    const next = script[i + 1];
    if (ch === '-' && next === '-') {
      while (i < script.length && script[i] !== '\n') advance(1);
      continue;
    }
    if (ch === '/' && next === '*') {
      advance(2);
      while (i < script.length && !(script[i] === '*' && script[i + 1] === '/')) advance(1);
      advance(2);
      continue;
    }
    if (/\s/.test(ch)) {
      if (ch === '\n') lineStart = true;
      advance(1);
      continue;
    }
    if (ch === ';') {
      finish(i);
      advance(1);
      continue;
    }
    // T-SQL's batch separator: `GO` alone on its line (with an optional count) ends a statement too.
    if ((ch === 'g' || ch === 'G') && script.slice(script.lastIndexOf('\n', i - 1) + 1, i).trim() === '') {
      const go = /^go(?:[ \t]+\d+)?[ \t]*(?=\r?\n|$)/i.exec(script.slice(i, i + 32));
      if (go) {
        finish(i);
        advance(go[0].length);
        continue;
      }
    }
    // SQL*Plus' terminator after a PL/SQL block (Oracle): `/` alone on its line ends a statement too.
    if (ch === '/' && script.slice(script.lastIndexOf('\n', i - 1) + 1, i).trim() === '' && /^\/[ \t]*(?:\r?\n|$)/.test(script.slice(i, i + 32))) {
      finish(i);
      advance(1);
      continue;
    }
    const firstOnLine = lineStart;
    lineStart = false;
    if (options.tsql && start && depth === 0 && firstOnLine && /[A-Za-z]/.test(ch)) {
      const word = /^[A-Za-z_]+/.exec(script.slice(i, i + 16))![0];
      if (tsqlStatementEndsBefore(script.slice(start.index, i), word.toLowerCase(), script.slice(i + word.length, i + word.length + 8))) finish(i);
    }
    if (!start) {
      start = { index: i, line, column };
      depth = 0;
    }
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === "'" || ch === '"' || ch === '`') {
      skipQuoted(ch);
      continue;
    }
    const dollar = ch === '$' ? /^\$[A-Za-z_]*\$/.exec(script.slice(i, i + 64)) : null;
    if (dollar) {
      const close = script.indexOf(dollar[0], i + dollar[0].length);
      advance(close < 0 ? script.length - i : close + dollar[0].length - i);
      continue;
    }
    advance(1);
  }
  finish(script.length);
  return statements;
}
