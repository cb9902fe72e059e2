import { readFile } from 'node:fs/promises';
import type { IngestError } from '../contract.js';
import { parseCsv } from '../csv/parseCsv.js';

/** One row of a metrics file before validation: column name to cell, and where it is. */
export interface RawRow {
  /** `file:line`. */
  location: string;
  values: Record<string, unknown>;
}

export interface MetricsFileContent {
  rows: RawRow[];
  errors: IngestError[];
  /**
   * False when part of the file could not be read (unterminated quote, unusable header, unknown
   * file type): its rows are unknown, so what the file asserts as a whole (its tags) is unknown.
   */
  complete: boolean;
}

/** The columns a row may have; `value` is a number for a metric and text for a tag. */
export const COLUMNS = ['kind', 'target', 'type', 'namespace', 'name', 'field', 'metric', 'bucket', 'granularity', 'key', 'value'] as const;
const KNOWN = new Set<string>(COLUMNS);

function isJsonLines(path: string): boolean {
  return /\.(jsonl|ndjson)$/i.test(path);
}

/** Reads a `.csv` file (header row first) or a `.jsonl`/`.ndjson` file (one JSON object a line). */
export async function readMetricsFile(path: string): Promise<MetricsFileContent> {
  if (/\.csv$/i.test(path)) return csvRows(path, await readFile(path, 'utf8'));
  if (isJsonLines(path)) return jsonLines(path, await readFile(path, 'utf8'));
  return { rows: [], errors: [{ location: path, message: 'a metrics file must be .csv, .jsonl or .ndjson' }], complete: false };
}

export function csvRows(path: string, text: string): MetricsFileContent {
  const parsed = parseCsv(text);
  const errors: IngestError[] = parsed.errors.map((e) => ({ location: `${path}:${e.line}:${e.column}`, message: `CSV: ${e.message}` }));
  const [header, ...records] = parsed.records;
  if (!header) return { rows: [], errors: [...errors, { location: `${path}:1`, message: 'no header row' }], complete: false };

  const names = header.fields.map((name) => name.trim().toLowerCase());
  names.forEach((name, i) => {
    const location = `${path}:${header.line}:${header.columns[i] ?? 1}`;
    if (!KNOWN.has(name)) errors.push({ location, message: `unknown column "${name}" is ignored (columns: ${COLUMNS.join(', ')})` });
    else if (names.indexOf(name) !== i) errors.push({ location, message: `column "${name}" appears twice; the first is read` });
  });
  const missing = ['kind', 'value'].filter((name) => !names.includes(name));
  if (!names.includes('target') && !['type', 'namespace', 'name'].every((name) => names.includes(name))) missing.push('target');
  if (missing.length > 0) {
    errors.push({ location: `${path}:${header.line}`, message: `the header has no ${missing.join(', ')} column` });
    return { rows: [], errors, complete: false };
  }

  const rows: RawRow[] = [];
  for (const record of records) {
    const location = `${path}:${record.line}`;
    if (record.fields.length !== names.length) {
      errors.push({ location, message: `the row has ${record.fields.length} fields, the header ${names.length}` });
      continue;
    }
    const values: Record<string, unknown> = {};
    names.forEach((name, i) => {
      const cell = record.fields[i]!;
      // An empty cell is an absent value (a node-level row has no field; a tag row no metric).
      if (KNOWN.has(name) && !(name in values) && cell !== '') values[name] = cell;
    });
    rows.push({ location, values });
  }
  return { rows, errors, complete: parsed.complete };
}

export function jsonLines(path: string, text: string): MetricsFileContent {
  const rows: RawRow[] = [];
  const errors: IngestError[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const location = `${path}:${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      errors.push({ location, message: `not JSON: ${(error as Error).message}` });
      return;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      errors.push({ location, message: 'each line must be a JSON object' });
      return;
    }
    // null is an absent value, as an empty CSV cell is.
    const values = Object.fromEntries(Object.entries(json).filter(([, value]) => value !== null));
    rows.push({ location, values });
  });
  return { rows, errors, complete: true };
}
