import { isScalar, Scalar } from 'yaml';
import type { CatalogFile } from './catalogFile.js';
import { pathLocation, type YamlPath } from './yamlLocation.js';

/** A position inside an expression, as the rule-expression parser reports it (1-based). */
export interface ExpressionPosition {
  readonly line: number;
  readonly column: number;
}

export interface MappedLocation {
  /** `file:line:column`. */
  readonly location: string;
  /** False when only the start of the expression could be located (folded or multi-line flow scalars). */
  readonly exact: boolean;
}

/** Leading spaces of the first non-blank line between `from` and `to`: a block scalar's indentation. */
function blockIndentation(text: string, from: number, to: number): number | null {
  for (const line of text.slice(from, to).split('\n')) {
    if (line.trim() === '') continue;
    return line.length - line.trimStart().length;
  }
  return null;
}

/**
 * Maps a position inside the expression stored at `path` to the file. Exact for literal block
 * scalars (`expression: |`, the usual way to write a long rule: lines map one to one) and for
 * one-line plain or quoted scalars; for folded and multi-line flow scalars, whose line breaks YAML
 * rewrites, it falls back to where the scalar starts.
 */
export function expressionLocation(file: CatalogFile, path: YamlPath, position: ExpressionPosition): MappedLocation {
  const node = file.document.getIn(path, true);
  const fallback: MappedLocation = { location: pathLocation(file, path), exact: false };
  if (!isScalar(node) || !node.range) return fallback;
  const [start, valueEnd] = node.range;
  const startPosition = file.lineCounter.linePos(start);

  if (node.type === Scalar.BLOCK_LITERAL) {
    const headerEnd = file.text.indexOf('\n', start);
    if (headerEnd < 0 || headerEnd >= valueEnd) return fallback;
    const indentation = blockIndentation(file.text, headerEnd + 1, valueEnd);
    if (indentation === null) return fallback;
    return { location: `${file.path}:${startPosition.line + position.line}:${indentation + position.column}`, exact: true };
  }

  if (node.type === Scalar.PLAIN || node.type === Scalar.QUOTE_SINGLE || node.type === Scalar.QUOTE_DOUBLE) {
    const raw = file.text.slice(start, valueEnd);
    if (raw.includes('\n') || position.line !== 1) return fallback;
    const quote = node.type === Scalar.PLAIN ? 0 : 1;
    // Escapes (`''`, `\"`) make the source longer than the value: columns after them are approximate.
    const escaped = (node.type === Scalar.QUOTE_SINGLE && raw.slice(1, -1).includes("''")) || (node.type === Scalar.QUOTE_DOUBLE && raw.includes('\\'));
    return { location: `${file.path}:${startPosition.line}:${startPosition.col + quote + position.column - 1}`, exact: !escaped };
  }
  return fallback;
}
