/**
 * A small RFC 4180 CSV reader (no CSV library is installed): fields separated by commas, records
 * by CRLF or LF; a field in double quotes may hold commas, line breaks and doubled quotes (`""`).
 * A malformed record is reported with its line and column and skipped, so the records around it
 * can still be read; an unterminated quote ends the input, since where it should have closed is
 * unknowable.
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
const COMMA = ',';

/** Parses a whole CSV text. Blank lines are skipped; a leading byte-order mark is ignored. */
export function parseCsv(input: string): CsvParseResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const errors: CsvSyntaxError[] = [];
  let i = 0;
  let line = 1;
  let column = 1;

  const advance = () => {
    if (text[i] === '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    i++;
  };
  const atLineBreak = () => text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n');
  const skipLineBreak = () => {
    if (text[i] === '\r') advance();
    if (text[i] === '\n') advance();
  };
  /** After an error: drop the rest of the physical line, then resume with the next record. */
  const skipRestOfLine = () => {
    while (i < text.length && text[i] !== '\n') advance();
    skipLineBreak();
  };

  while (i < text.length) {
    const record: CsvRecord = { fields: [], line, columns: [] };
    let bad = false;
    for (;;) {
      record.columns.push(column);
      let value = '';
      if (text[i] === QUOTE) {
        const open = { line, column };
        advance();
        let closed = false;
        while (i < text.length) {
          const ch = text[i]!;
          if (ch === QUOTE) {
            if (text[i + 1] === QUOTE) {
              value += QUOTE;
              advance();
              advance();
              continue;
            }
            advance();
            closed = true;
            break;
          }
          value += ch;
          advance();
        }
        if (!closed) {
          errors.push({ ...open, message: 'quoted field is never closed (a quote inside a quoted field must be doubled: "")' });
          return { records, errors, complete: false };
        }
        if (i < text.length && text[i] !== COMMA && !atLineBreak()) {
          errors.push({ line, column, message: `unexpected ${JSON.stringify(text[i])} after a closing quote (expected a comma or the end of the line)` });
          bad = true;
        }
      } else {
        while (i < text.length && text[i] !== COMMA && !atLineBreak()) {
          if (text[i] === QUOTE) {
            errors.push({ line, column, message: 'quote inside an unquoted field (quote the whole field and double the quote: "a""b")' });
            bad = true;
            break;
          }
          value += text[i];
          advance();
        }
      }
      if (bad) {
        skipRestOfLine();
        break;
      }
      record.fields.push(value);
      if (text[i] === COMMA) {
        advance();
        continue;
      }
      skipLineBreak();
      break;
    }
    const blank = record.fields.length === 1 && record.fields[0] === '';
    if (!bad && !blank) records.push(record);
  }
  return { records, errors, complete: true };
}
