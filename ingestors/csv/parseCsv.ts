import { CsvError, type Options, parse } from 'csv-parse/sync';
import { LineIndex } from './lineIndex.js';

/**
 * RFC 4180 CSV read with csv-parse: fields separated by commas, records by CRLF or LF; a field in
 * double quotes may hold commas, line breaks and doubled quotes (`""`). A malformed record is
 * reported with its line and column and skipped, so the records around it can still be read; an
 * unterminated quote ends the input, since where it should have closed is unknowable.
 *
 * Where each record and field starts is worked out here from the values csv-parse returns, not
 * taken from its `info.lines` or `raw`: `info.lines` counts a CRLF inside a quoted field as two
 * lines (every record after one is numbered a line too far), `raw` drops the LF of a CRLF, and
 * neither says where a field starts. A field csv-parse accepted takes exactly its value's length
 * in the text, plus two quotes and one per doubled quote when it starts with a quote.
 */

export interface CsvRecord {
  fields: string[];
  /** 1-based line the record starts on (a quoted field may carry it over several lines). */
  line: number;
  /** 1-based column where each field starts, for pointing at a bad cell. */
  columns: number[];
}

export interface CsvSyntaxError {
  line: number;
  column: number;
  message: string;
}

export interface CsvParseResult {
  records: CsvRecord[];
  errors: CsvSyntaxError[];
  /** False when an unterminated quote left the rest of the input unread. */
  complete: boolean;
}

const QUOTE = '"';

/** csv-parse's options: RFC 4180 and nothing more; the row width is the caller's to check. */
const OPTIONS: Options = {
  delimiter: ',',
  quote: QUOTE,
  escape: QUOTE,
  record_delimiter: ['\r\n', '\n'],
  relax_column_count: true,
  skip_empty_lines: true,
};

/** The length in the text of a field csv-parse read as `value`, starting at `at`. */
function fieldLength(text: string, at: number, value: string): number {
  if (text[at] !== QUOTE) return value.length;
  let quotes = 0;
  for (let i = value.indexOf(QUOTE); i >= 0; i = value.indexOf(QUOTE, i + 1)) quotes++;
  return value.length + quotes + 2;
}

/** Past the line break at `at`, if there is one. */
function afterLineBreak(text: string, at: number): number {
  if (text[at] === '\r' && text[at + 1] === '\n') return at + 2;
  return text[at] === '\n' ? at + 1 : at;
}

/** Past the blank lines at `at` (csv-parse skips them): where the next record starts. */
function afterBlankLines(text: string, at: number): number {
  let i = at;
  for (let next = afterLineBreak(text, i); next !== i; next = afterLineBreak(text, i)) i = next;
  return i;
}

/**
 * Where field `field` of the record at `at` starts, for an error csv-parse reports in that field:
 * the fields before it were read without an error, so each is quoted to its closing quote, or
 * unquoted to the next comma.
 */
function fieldStart(text: string, at: number, field: number): number {
  let i = at;
  for (let n = 0; n < field && i < text.length; n++) {
    i = quotedFieldEnd(text, i) ?? unquotedFieldEnd(text, i);
    i++; // the comma
  }
  return i;
}

/** Just past the closing quote of the quoted field at `at`, or null if the field is not quoted. */
function quotedFieldEnd(text: string, at: number): number | null {
  if (text[at] !== QUOTE) return null;
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] !== QUOTE) continue;
    if (text[i + 1] !== QUOTE) return i + 1;
    i++;
  }
  return text.length;
}

function unquotedFieldEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) i++;
  return i;
}

/** Where csv-parse's error is in the record starting at `at`, and what to tell the user. */
function locate(text: string, at: number, error: CsvError): { offset: number; message: string } {
  const field = typeof error.column === 'number' ? error.column : 0;
  const start = fieldStart(text, at, field);
  switch (error.code) {
    case 'INVALID_OPENING_QUOTE': {
      // csv-parse gives the field's text up to the quote.
      const before = typeof (error as { field?: unknown }).field === 'string' ? ((error as { field?: string }).field ?? '') : '';
      return { offset: start + before.length, message: 'quote inside an unquoted field (quote the whole field and double the quote: "a""b")' };
    }
    case 'CSV_INVALID_CLOSING_QUOTE': {
      const offset = quotedFieldEnd(text, start) ?? start;
      return { offset, message: `unexpected ${JSON.stringify(text[offset])} after a closing quote (expected a comma or the end of the line)` };
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return { offset: start, message: 'quoted field is never closed (a quote inside a quoted field must be doubled: "")' };
    default:
      return { offset: start, message: error.message };
  }
}

/**
 * csv-parse over `bytes`: the records it read, and the error it stopped at. Only after an error is
 * the text read again keeping each record as it comes (`on_record` costs csv-parse a snapshot of
 * its state per record, as much again as the parse), to have the records before the error.
 */
function readRecords(bytes: Buffer): { fields: string[][]; error?: CsvError } {
  try {
    return { fields: parse(bytes, OPTIONS) as string[][] };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const fields: string[][] = [];
    try {
      parse(bytes, { ...OPTIONS, on_record: (record: string[]) => (fields.push(record), null) });
    } catch (again) {
      if (!(again instanceof CsvError)) throw again;
    }
    return { fields, error };
  }
}

/** Parses a whole CSV text. Blank lines are skipped; a leading byte-order mark is ignored. */
export function parseCsv(input: string): CsvParseResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  // csv-parse reads bytes: after an error it reads on from a view of the same bytes, not a copy
  // of the rest of the text, so a file with many bad lines is still read in linear time.
  const bytes = Buffer.from(text, 'utf8');
  const lines = new LineIndex(text);
  const records: CsvRecord[] = [];
  const errors: CsvSyntaxError[] = [];
  /** Where the current csv-parse run started, in the text and in its bytes. */
  let runChar = 0;
  let runByte = 0;
  while (runChar < text.length) {
    const run = readRecords(bytes.subarray(runByte));
    /** Where the next record starts (after the run's records, the failing one). */
    let at = afterBlankLines(text, runChar);
    for (const fields of run.fields) {
      const { line, column } = lines.at(at);
      /** Where the line the current field is on starts. */
      let lineStart = at - column + 1;
      const columns: number[] = [];
      let i = at;
      for (let n = 0; n < fields.length; n++) {
        if (n > 0) i++; // the comma
        columns.push(i - lineStart + 1);
        const length = fieldLength(text, i, fields[n]!);
        // A quoted line break puts the next field on a later line.
        const lastBreak = length > fields[n]!.length ? text.lastIndexOf('\n', i + length - 1) : -1;
        if (lastBreak >= i) lineStart = lastBreak + 1;
        i += length;
      }
      // A line that is only `""` is as blank as an empty one.
      if (!(fields.length === 1 && fields[0] === '')) records.push({ fields, line, columns });
      at = afterBlankLines(text, afterLineBreak(text, i));
    }
    const { error } = run;
    if (!error) return { records, errors, complete: true };
    const { offset, message } = locate(text, at, error);
    errors.push({ ...lines.at(Math.min(offset, Math.max(text.length - 1, 0))), message });
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') return { records, errors, complete: false };
    // Read on from the line after the error; always forward, whatever the error said.
    const lineEnd = text.indexOf('\n', Math.max(offset, at));
    const next = lineEnd < 0 ? text.length : lineEnd + 1;
    runByte += Buffer.byteLength(text.slice(runChar, next), 'utf8');
    runChar = next;
  }
  return { records, errors, complete: true };
}
