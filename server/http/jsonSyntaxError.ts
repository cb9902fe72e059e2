/** Where a JSON text stops being valid: 0-based character offset, 1-based line and column. */
export interface JsonErrorPosition {
  position: number;
  line: number;
  column: number;
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX = /^[0-9a-fA-F]{4}$/;

/**
 * The offset of the first character that makes `text` invalid JSON (its length when the text
 * ends too early), or -1 when it is valid. JSON.parse says where only for some errors ("Unexpected
 * end of JSON input" has no position), so the grammar is walked again here, only after a failure.
 * Iterative, so deeply nested input cannot overflow the stack.
 */
export function jsonSyntaxErrorOffset(text: string): number {
  const n = text.length;
  const stack: ('{' | '[')[] = [];
  let i = 0;
  let state: 'value' | 'firstValue' | 'key' | 'firstKey' | 'after' = 'value';

  const skipWhitespace = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  /** Moves past a string starting at `i`; returns false (with `i` at the bad character) if it is invalid. */
  const scanString = (): boolean => {
    i++;
    while (i < n) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return true;
      }
      if (c.charCodeAt(0) < 0x20) return false;
      if (c === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!HEX.test(text.slice(i + 2, i + 6))) {
            i += 2;
            return false;
          }
          i += 6;
        } else if (next !== undefined && ESCAPES.has(next)) i += 2;
        else {
          i += 1;
          return false;
        }
      } else i++;
    }
    return false;
  };

  for (;;) {
    skipWhitespace();
    if (state === 'after') {
      const top = stack[stack.length - 1];
      if (top === undefined) return i < n ? i : -1;
      if (i >= n) return i;
      const c = text[i];
      if (c === ',') {
        i++;
        state = top === '{' ? 'key' : 'value';
      } else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
        i++;
        stack.pop();
      } else return i;
      continue;
    }
    if (i >= n) return i;
    const c = text[i]!;
    if (state === 'key' || state === 'firstKey') {
      if (state === 'firstKey' && c === '}') {
        i++;
        stack.pop();
        state = 'after';
        continue;
      }
      if (c !== '"' || !scanString()) return i;
      skipWhitespace();
      if (text[i] !== ':') return i;
      i++;
      state = 'value';
      continue;
    }
    if (state === 'firstValue' && c === ']') {
      i++;
      stack.pop();
      state = 'after';
      continue;
    }
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      state = c === '{' ? 'firstKey' : 'firstValue';
      continue;
    }
    state = 'after';
    if (c === '"') {
      if (!scanString()) return i;
      continue;
    }
    const literal = ['true', 'false', 'null'].find((word) => word[0] === c);
    if (literal) {
      for (let k = 0; k < literal.length; k++, i++) if (text[i] !== literal[k]) return i;
      continue;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (!number) return i;
    i += number[0].length;
  }
}

export function positionAt(text: string, offset: number): JsonErrorPosition {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { position: offset, line, column: offset - lineStart + 1 };
}
