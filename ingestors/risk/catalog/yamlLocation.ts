import { isMap, isNode, isPair, isScalar, type Node } from 'yaml';
import type { CatalogFile } from './catalogFile.js';

export type YamlPath = readonly (string | number)[];

/** `file:line:column` (1-based) of a character offset in a catalog file. */
export function offsetLocation(file: CatalogFile, offset: number): string {
  const { line, col } = file.lineCounter.linePos(offset);
  return `${file.path}:${line}:${col}`;
}

/** `file:line:column` of a line and column of a catalog file. */
export function lineColumnLocation(file: CatalogFile, line: number, column: number): string {
  return `${file.path}:${line}:${column}`;
}

/** The YAML node at `path`, or undefined when some step of it is missing. */
export function nodeAt(file: CatalogFile, path: YamlPath): Node | undefined {
  if (path.length === 0) return isNode(file.document.contents) ? file.document.contents : undefined;
  const found: unknown = file.document.getIn(path, true);
  return isNode(found) ? found : undefined;
}

/** The key node of `key` in the map at `path` (to point at an unknown or misspelt key). */
function keyNodeAt(file: CatalogFile, path: YamlPath, key: string): Node | undefined {
  const map = nodeAt(file, path);
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    if (isPair(pair) && isScalar(pair.key) && pair.key.value === key) return pair.key;
  }
  return undefined;
}

/**
 * Where `path` is written: the node itself, or (for a missing key) the closest enclosing node that
 * exists, so a "required key missing" error points at the item that lacks it. With `key`, the key
 * itself inside the map at `path`.
 */
export function pathLocation(file: CatalogFile, path: YamlPath, key?: string): string {
  if (key !== undefined) {
    const keyNode = keyNodeAt(file, path, key);
    if (keyNode?.range) return offsetLocation(file, keyNode.range[0]);
  }
  for (let length = path.length; length >= 0; length--) {
    const node = nodeAt(file, path.slice(0, length));
    if (node?.range) return offsetLocation(file, node.range[0]);
  }
  return `${file.path}:1:1`;
}

/** `rules[3].expression`: how a path is named in messages. */
export function formatYamlPath(path: YamlPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : (out ? '.' : '') + part;
  return out;
}

