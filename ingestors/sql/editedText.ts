/**
 * Statements rewritten with replacements longer than what they replace (named windows written
 * out, Teradata's `SEL` as `SELECT`), where InPlaceText cannot keep every character in place: the
 * parser reads the edited text, and a parse error in it is mapped back to its place in the
 * statement as written (an error inside a replacement points at the start of what it replaced).
 */
import type { ParseOutcome } from './parseStatement.js';
import { lineColumn } from './sqlTokens.js';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface EditedText {
  text: string;
  /** The offset in the statement as written of an offset in `text`. */
  original(offset: number): number;
}

/** `text` with `edits` (non-overlapping spans of it) replaced. */
export function applyEdits(text: string, edits: readonly Edit[]): EditedText {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let from = 0;
  // Where each edit's replacement starts in the output, to map offsets back.
  const placed: { at: number; edit: Edit }[] = [];
  for (const edit of sorted) {
    out += text.slice(from, edit.start);
    placed.push({ at: out.length, edit });
    out += edit.text;
    from = edit.end;
  }
  out += text.slice(from);
  return {
    text: out,
    original(offset: number): number {
      let shift = 0;
      for (const { at, edit } of placed) {
        if (offset < at) break;
        if (offset < at + edit.text.length) return edit.start;
        shift = edit.end - (at + edit.text.length);
      }
      return offset + shift;
    },
  };
}

/** A failed parse of `edited` as a failure at the same place of `written`. */
export function atWritten(outcome: ParseOutcome, edited: EditedText, written: string): ParseOutcome {
  if (outcome.ok || outcome.line === undefined) return outcome;
  const offset = offsetOf(edited.text, outcome.line, outcome.column ?? 1);
  return { ...outcome, ...lineColumn(written, edited.original(offset)) };
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const newline = text.indexOf('\n', offset);
    if (newline < 0) break;
    offset = newline + 1;
  }
  return offset + column - 1;
}
