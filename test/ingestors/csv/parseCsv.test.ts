import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../ingestors/csv/parseCsv.js';

const fields = (text: string) => parseCsv(text).records.map((r) => r.fields);

describe('parseCsv (RFC 4180)', () => {
  it('reads plain records with LF or CRLF, with or without a final line break', () => {
    expect(fields('a,b,c\n1,2,3\n')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(fields('a,b\r\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fields('a,,c,\n,,,\n')).toEqual([['a', '', 'c', ''], ['', '', '', '']]);
  });

  it('reads quoted fields with commas, escaped quotes and line breaks inside', () => {
    const result = parseCsv('key,value\npurpose,"anti-fraud, chargeback"\nquote,"say ""hi"""\nnote,"line one\r\nline two"\nlast,x\n');
    expect(result.errors).toEqual([]);
    expect(result.records.map((r) => r.fields)).toEqual([
      ['key', 'value'],
      ['purpose', 'anti-fraud, chargeback'],
      ['quote', 'say "hi"'],
      ['note', 'line one\r\nline two'],
      ['last', 'x'],
    ]);
    // A record is numbered by the line it starts on; the one after a two-line field is on line 6.
    expect(result.records.map((r) => r.line)).toEqual([1, 2, 3, 4, 6]);
    expect(result.records[1]!.columns).toEqual([1, 9]);
  });

  it('reads an empty quoted field and a quoted field that is only a quote', () => {
    expect(fields('"",""""\n')).toEqual([['', '"']]);
  });

  it('skips blank lines and a byte-order mark', () => {
    expect(fields('\uFEFFa,b\n\n1,2\n\n')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('reports a quote inside an unquoted field with its line and column, and reads on', () => {
    const result = parseCsv('a,b\n1,x"y\n2,3\n');
    expect(result.errors).toEqual([{ line: 2, column: 4, message: expect.stringMatching(/quote inside an unquoted field/) }]);
    expect(result.records.map((r) => r.fields)).toEqual([['a', 'b'], ['2', '3']]);
    expect(result.complete).toBe(true);
  });

  it('reports text after a closing quote with its line and column', () => {
    const result = parseCsv('a,b\n"ok"x,1\n2,3\n');
    expect(result.errors).toEqual([{ line: 2, column: 5, message: expect.stringMatching(/after a closing quote/) }]);
    expect(result.records.map((r) => r.fields)).toEqual([['a', 'b'], ['2', '3']]);
  });

  it('reports an unterminated quote where it opened and says the input was not read to its end', () => {
    const result = parseCsv('a,b\n1,2\n3,"never closed\n4,5\n');
    expect(result.errors).toEqual([{ line: 3, column: 3, message: expect.stringMatching(/never closed/) }]);
    expect(result.records.map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2']]);
    expect(result.complete).toBe(false);
  });
});
