import { readFile } from 'node:fs/promises';
import type { IngestError } from '../contract.js';
import { pointerSegment } from '../jsonPointer.js';
import { parseCsv } from '../csv/parseCsv.js';
import { QUALITY_COLUMNS, type QualityColumn } from './rowSchema.js';

/** One row of a quality file before validation, with where each of its cells is. */
export interface RawQualityRow {
  /** Where the row is: `file:line` (CSV) or `file#/3` (JSON). */
  location: string;
  /** Where one of its cells is: `file:line:column` or `file#/3/outcome`. */
  cellLocation(column: QualityColumn | null): string;
  values: Record<string, unknown>;
}

export interface QualityFileContent {
  rows: RawQualityRow[];
  /** Problems of the file itself (syntax, header): with any of them, nothing of it is recorded. */
  errors: IngestError[];
}

const KNOWN = new Set<string>(QUALITY_COLUMNS);
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A CSV cell is text: in observed and expected a decimal number is read as a number (JSON keeps its own types). */
function cellValue(name: string, cell: string): unknown {
  return (name === 'observed' || name === 'expected') && DECIMAL.test(cell.trim()) ? Number(cell) : cell;
}

/** Reads a `.csv` file (header row first) or a `.json` file (an array of results, or `{ "results": [...] }`). */
export async function readQualityFile(path: string): Promise<QualityFileContent> {
  if (/\.csv$/i.test(path)) return csvRows(path, await readFile(path, 'utf8'));
  if (/\.json$/i.test(path)) return jsonRows(path, await readFile(path, 'utf8'));
  return { rows: [], errors: [{ location: path, message: 'a quality file must be .csv or .json' }] };
}

export function csvRows(path: string, text: string): QualityFileContent {
  const parsed = parseCsv(text);
  const errors: IngestError[] = parsed.errors.map((e) => ({ location: `${path}:${e.line}:${e.column}`, message: `CSV: ${e.message}` }));
  const [header, ...records] = parsed.records;
  if (!header) return { rows: [], errors: [...errors, { location: `${path}:1`, message: 'no header row' }] };

  const names = header.fields.map((name) => name.trim().toLowerCase());
  names.forEach((name, i) => {
    const location = `${path}:${header.line}:${header.columns[i] ?? 1}`;
    // An unknown column is refused rather than ignored: a misspelt `outcome` must not pass silently.
    if (!KNOWN.has(name)) errors.push({ location, message: `unknown column "${name}" (columns: ${QUALITY_COLUMNS.join(', ')})` });
    else if (names.indexOf(name) !== i) errors.push({ location, message: `column "${name}" appears twice` });
  });
  const missing = ['check', 'time', 'outcome'].filter((name) => !names.includes(name));
  if (!names.includes('target') && !['type', 'namespace', 'name'].every((name) => names.includes(name))) missing.push('target');
  if (missing.length > 0) errors.push({ location: `${path}:${header.line}`, message: `the header has no ${missing.join(', ')} column` });

  const rows: RawQualityRow[] = [];
  for (const record of records) {
    const location = `${path}:${record.line}`;
    if (record.fields.length !== names.length) {
      errors.push({ location, message: `the row has ${record.fields.length} fields, the header ${names.length}` });
      continue;
    }
    const values: Record<string, unknown> = {};
    names.forEach((name, i) => {
      const cell = record.fields[i]!;
      // An empty cell is an absent value (a node-level result has no field).
      if (KNOWN.has(name) && !(name in values) && cell !== '') values[name] = cellValue(name, cell);
    });
    const cellLocation = (column: QualityColumn | null) => {
      const i = column === null ? -1 : names.indexOf(column);
      return i < 0 ? location : `${path}:${record.line}:${record.columns[i] ?? 1}`;
    };
    rows.push({ location, cellLocation, values });
  }
  return { rows, errors };
}

export function jsonRows(path: string, text: string): QualityFileContent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { rows: [], errors: [{ location: path, message: `not JSON: ${(error as Error).message}` }] };
  }
  const wrapped = typeof json === 'object' && json !== null && !Array.isArray(json) && Array.isArray((json as { results?: unknown }).results);
  const list = wrapped ? (json as { results: unknown[] }).results : json;
  const prefix = wrapped ? '/results' : '';
  if (!Array.isArray(list)) return { rows: [], errors: [{ location: `${path}#`, message: 'a quality file is an array of results, or an object with a "results" array' }] };
  const rows: RawQualityRow[] = [];
  const errors: IngestError[] = [];
  list.forEach((item, i) => {
    const location = `${path}#${prefix}/${i}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push({ location, message: 'each result must be a JSON object' });
      return;
    }
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item)) {
      if (!KNOWN.has(key)) errors.push({ location: `${location}/${pointerSegment(key)}`, message: `unknown key "${key}" (keys: ${QUALITY_COLUMNS.join(', ')})` });
      else if (value !== null) values[key] = value; // null is an absent value, as an empty CSV cell is
    }
    rows.push({ location, cellLocation: (column) => (column === null ? location : `${location}/${column}`), values });
  });
  return { rows, errors };
}
