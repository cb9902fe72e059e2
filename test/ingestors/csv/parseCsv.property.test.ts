import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../ingestors/csv/parseCsv.js';

/** Field text drawn from what makes CSV hard: separators, quotes, both line breaks, multibyte text. */
const field = fc.array(fc.constantFrom('a', 'Z', '7', ' ', ',', '"', '\n', '\r\n', '\r', 'é', '日', '😀'), { maxLength: 6 }).map((parts) => parts.join(''));
const record = fc.array(field, { minLength: 1, maxLength: 5 }).filter((fields) => !(fields.length === 1 && fields[0] === ''));

interface Written {
  text: string;
  /** Each record with the line and columns it was written at. */
  expected: { fields: string[]; line: number; columns: number[] }[];
}

/** Writes records as RFC 4180 text, noting where each record and field was put. */
function write(records: string[][], eols: string[], blanks: number[], quoteAll: boolean[], bom: boolean, finalEol: boolean): Written {
  let text = bom ? '\uFEFF' : '';
  const base = text.length;
  const position = (offset: number) => {
    const before = text.slice(base, offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    return { line: before.split('\n').length, column: before.length - lineStart + 1 };
  };
  const expected = records.map((fields, r) => {
    text += (eols[r] ?? '\n').repeat(blanks[r] ?? 0);
    const start = position(text.length);
    const columns = fields.map((value, f) => {
      if (f > 0) text += ',';
      const column = position(text.length).column;
      text += quoteAll[r] || /[",\r\n]/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value;
      return column;
    });
    if (r < records.length - 1 || finalEol) text += eols[r] ?? '\n';
    return { fields, line: start.line, columns };
  });
  return { text, expected };
}

const file = fc
  .record({
    records: fc.array(record, { minLength: 1, maxLength: 8 }),
    eols: fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 8, maxLength: 8 }),
    blanks: fc.array(fc.nat(2), { minLength: 8, maxLength: 8 }),
    quoteAll: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    bom: fc.boolean(),
    finalEol: fc.boolean(),
  })
  .map(({ records, eols, blanks, quoteAll, bom, finalEol }) => write(records, eols, blanks, quoteAll, bom, finalEol));

describe('parseCsv (property)', () => {
  it('reads back what was written, each record at the line and each field at the column it was written at', () => {
    fc.assert(
      fc.property(file, ({ text, expected }) => {
        const result = parseCsv(text);
        expect(result.errors).toEqual([]);
        expect(result.complete).toBe(true);
        expect(result.records).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('a line with a stray quote is reported at that quote and skipped, and every other record is read as written', () => {
    fc.assert(
      fc.property(file, fc.nat(), fc.constantFrom('\n', '\r\n'), ({ text, expected }, at, eol) => {
        // The bad line goes in before a record, so it is a line of its own.
        const before = expected[at % expected.length]!;
        const lineStarts = [0];
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
        const bom = text.startsWith('\uFEFF') ? 1 : 0;
        const insertAt = before.line === 1 ? bom : lineStarts[before.line - 1]!;
        const broken = `${text.slice(0, insertAt)}ok,ba"d${eol}${text.slice(insertAt)}`;
        const result = parseCsv(broken);
        expect(result.errors).toEqual([{ line: before.line, column: 6, message: expect.stringMatching(/quote inside an unquoted field/) }]);
        expect(result.records).toEqual(expected.map((r) => (r.line >= before.line ? { ...r, line: r.line + 1 } : r)));
      }),
      { numRuns: 300 },
    );
  });
});
