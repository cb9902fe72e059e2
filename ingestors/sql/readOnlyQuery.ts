import { createHash } from 'node:crypto';
import type { KnownTable } from './knownSchemas.js';
import { LineageAnalyzer, type LineageNotes } from './lineage.js';
import type { LateralReading } from './lateralAliases.js';
import type { Select } from './queryModel.js';

/** What a read-only SELECT consumes: its base tables and, per table, the columns it references. */
export interface QueryReads {
  tablesRead: string[];
  fieldsUsed: Map<string, Set<string>>;
}

export function queryReads(query: Select, known: (table: string) => KnownTable, lateral?: LateralReading, notes?: LineageNotes): QueryReads {
  const analyzer = new LineageAnalyzer(known, lateral, notes);
  analyzer.query(query);
  return { tablesRead: [...analyzer.tablesRead], fieldsUsed: analyzer.fieldsUsed };
}

/**
 * The computation of a read-only SELECT: `<file>#select:<first 16 hex digits of the SHA-256 of its
 * text with whitespace runs collapsed>`. Keyed by its text, not by its position like writes
 * (`<file>#<n>`): a consumer is its query, so adding a statement above it does not retract and
 * re-create it (losing what other sources attached to it), and the same SELECT written twice in a
 * file is one consumer. Case and comments are kept: folding case would merge queries whose string
 * literals differ, and a text change is a new query.
 */
export function readOnlyName(file: string, text: string): string {
  const normalised = text.replace(/\s+/g, ' ').trim().replace(/\s*;$/, '');
  return `${file}#select:${createHash('sha256').update(normalised).digest('hex').slice(0, 16)}`;
}
