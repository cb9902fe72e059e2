import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../ingestors/csv/parseCsv.js';

const lines = (text: string) => parseCsv(text).records.map((r) => r.line);

describe('parseCsv: where records and errors are, CRLF, BOM and malformed quoting', () => {
  it('numbers the record after a quoted CRLF by the line it starts on, in CRLF and LF files', () => {
    // csv-parse's own info.lines counts a quoted CRLF as two lines; the reader must not.
    const crlf = parseCsv('key,value\r\nnote,"line one\r\nline two\r\nline three"\r\nlast,x\r\n');
    expect(crlf.records.map((r) => r.fields)).toEqual([['key', 'value'], ['note', 'line one\r\nline two\r\nline three'], ['last', 'x']]);
    expect(crlf.records.map((r) => r.line)).toEqual([1, 2, 5]);
    expect(lines('key,value\nnote,"line one\nline two"\nlast,x\n')).toEqual([1, 2, 4]);
    expect(lines('key,value\nnote,"one\r\ntwo"\nlast,x\n')).toEqual([1, 2, 4]);
  });

  it('gives each field its column on the line it starts on, after a quoted field spanning lines', () => {
    const result = parseCsv('a,b,c\n"x\ny",zz,"q""q"\n');
    expect(result.records[1]!.fields).toEqual(['x\ny', 'zz', 'q"q']);
    expect(result.records[1]!.line).toBe(2);
    // "x\ny" ends on line 3 at column 2: zz starts at column 4 of that line, "q""q" at 7.
    expect(result.records[1]!.columns).toEqual([1, 4, 7]);
  });

  it('counts columns in characters, not bytes, and reads on correctly after an error past multibyte text', () => {
    const result = parseCsv('a,b\n"é",ü\nü€,x"y\n日本,3\n');
    expect(result.records.map((r) => r.fields)).toEqual([['a', 'b'], ['é', 'ü'], ['日本', '3']]);
    expect(result.records[1]!.columns).toEqual([1, 5]);
    expect(result.records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(result.errors).toEqual([{ line: 3, column: 5, message: expect.stringMatching(/quote inside an unquoted field/) }]);
  });

  it('ignores a byte-order mark: the first field of the header starts at column 1, in CRLF files too', () => {
    const result = parseCsv('\uFEFFkind,value\r\nmetric,1\r\n');
    expect(result.records.map((r) => r.fields)).toEqual([['kind', 'value'], ['metric', '1']]);
    expect(result.records[0]!.columns).toEqual([1, 6]);
    expect(result.records.map((r) => r.line)).toEqual([1, 2]);
  });

  it('reports malformed quoting in a CRLF file at its line and column and reads on', () => {
    const result = parseCsv('a,b\r\n1,x"y\r\n"ok"x,1\r\n2,3\r\n');
    expect(result.errors).toEqual([
      { line: 2, column: 4, message: expect.stringMatching(/quote inside an unquoted field/) },
      { line: 3, column: 5, message: expect.stringMatching(/unexpected "x" after a closing quote/) },
    ]);
    expect(result.records.map((r) => [r.line, ...r.fields])).toEqual([[1, 'a', 'b'], [4, '2', '3']]);
    expect(result.complete).toBe(true);
  });

  it('locates an error on the second line of a record that a quoted CRLF carried over', () => {
    const result = parseCsv('a,b,c\r\n"p\r\nq",x"y,z\r\n3,4,5\r\n');
    expect(result.errors).toEqual([{ line: 3, column: 5, message: expect.stringMatching(/quote inside an unquoted field/) }]);
    expect(result.records.map((r) => [r.line, ...r.fields])).toEqual([[1, 'a', 'b', 'c'], [4, '3', '4', '5']]);
  });

  it('reports an unterminated quote in a later field of a CRLF file where it opened', () => {
    const result = parseCsv('a,b\r\n"1,1","never\r\n2,3\r\n');
    expect(result.errors).toEqual([{ line: 2, column: 7, message: expect.stringMatching(/never closed/) }]);
    expect(result.records.map((r) => r.fields)).toEqual([['a', 'b']]);
    expect(result.complete).toBe(false);
  });

  it('reports an error on a last line without a line break, and every bad line of a file full of them', () => {
    expect(parseCsv('a,b\n1,x"y').errors).toEqual([{ line: 2, column: 4, message: expect.stringMatching(/quote inside an unquoted field/) }]);
    const bad = Array.from({ length: 2000 }, (_, i) => `${i},5"`);
    const result = parseCsv(['n,size', ...bad, 'last,1'].join('\n'));
    expect(result.errors.map((e) => [e.line, e.column])).toEqual(bad.map((_, i) => [i + 2, String(i).length + 3]));
    expect(result.records.map((r) => [r.line, ...r.fields])).toEqual([[1, 'n', 'size'], [2002, 'last', '1']]);
  });

  it('skips a line that is only an empty quoted field, and keeps a lone CR as field text', () => {
    expect(parseCsv('a,b\n""\n1,2\n').records.map((r) => [r.line, ...r.fields])).toEqual([[1, 'a', 'b'], [3, '1', '2']]);
    expect(parseCsv('a,b\r1,2\n').records.map((r) => r.fields)).toEqual([['a', 'b\r1', '2']]);
    expect(parseCsv('')).toEqual({ records: [], errors: [], complete: true });
    expect(parseCsv('\uFEFF\r\n\r\n')).toEqual({ records: [], errors: [], complete: true });
  });
});
