/**
 * MySQL's client command `DELIMITER x`, which scripts use around a procedure body so that the
 * body's `;` do not end the CREATE PROCEDURE: here the body's statements are analysed one by one
 * (routineBodies.ts), so the `;` keep ending statements and the custom delimiter (`//`, `$$`)
 * ends one too. The script is rewritten with every character where it was: a `DELIMITER x` line
 * becomes a `;` and spaces, each use of `x` outside strings, quoted names and comments a `;` and
 * spaces. `DELIMITER ;` restores the default. Without a DELIMITER line the script is unchanged.
 */
const DELIMITER_LINE = /^[ \t]*delimiter[ \t]+(\S+)[ \t]*$/im;

export function applyDelimiters(script: string): string {
  if (!DELIMITER_LINE.test(script)) return script;
  const chars = script.split('');
  const blank = (start: number, end: number) => {
    for (let k = start; k < end; k++) if (chars[k] !== '\n') chars[k] = ' ';
    chars[start] = ';';
  };
  let delimiter = ';';
  let i = 0;
  let lineStart = true;
  while (i < script.length) {
    const ch = script[i]!;
    if (lineStart) {
      const lineEnd = script.indexOf('\n', i) < 0 ? script.length : script.indexOf('\n', i);
      const command = DELIMITER_LINE.exec(script.slice(i, lineEnd).replace(/\r$/, ''));
      if (command && command.index === 0) {
        delimiter = command[1]!;
        blank(i, lineEnd);
        i = lineEnd;
        continue;
      }
    }
    lineStart = ch === '\n';
    if (delimiter !== ';' && script.startsWith(delimiter, i)) {
      blank(i, i + delimiter.length);
      i += delimiter.length;
      continue;
    }
    if (ch === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i);
      i = end < 0 ? script.length : end;
      continue;
    }
    if (ch === '/' && script[i + 1] === '*') {
      const end = script.indexOf('*/', i + 2);
      i = end < 0 ? script.length : end + 2;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      i++;
      while (i < script.length && script[i] !== ch) i += script[i] === '\\' && ch !== '`' ? 2 : 1;
      i++;
      continue;
    }
    i++;
  }
  return chars.join('');
}
