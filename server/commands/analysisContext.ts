import { nodeId } from '../../graph-model/ids.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { InvalidAsOfError } from '../../graph-model/store/operations/resolveAsOf.js';
import { parseTarget } from '../../graph-model/ids.js';
import { UserError, type CliContext } from './cliContext.js';

/** `asset:<namespace>/<name>`, `computation:<namespace>/<name>`, or a node id as printed elsewhere. */
export function nodeIdOf(text: string): string {
  if (/^[ac][A-Za-z0-9_-]{22}$/.test(text)) return text;
  const ref = parseTarget(text);
  if ('error' in ref) throw new UserError(`${ref.error}; or give a node id`);
  return nodeId(ref.type, ref.namespace, ref.name);
}

/** The graph version `--as-of` names (a version number or a time; default: the latest), a bad one a UserError. */
export async function resolveCliAsOf(store: GraphStore, asOf: string | undefined): Promise<number> {
  try {
    return await store.resolveAsOf(asOf === undefined ? undefined : /^\d+$/.test(asOf) ? Number(asOf) : asOf);
  } catch (error) {
    if (error instanceof InvalidAsOfError) throw new UserError(error.message);
    throw error;
  }
}

/** Runs `fn` on the store and an index loaded from it, at the version `asOf` names (default: the latest). */
export async function withIndex<T>(cli: CliContext, asOf: string | undefined, fn: (store: GraphStore, index: GraphIndex, version: number) => Promise<T> | T): Promise<T> {
  return cli.withStore(async (store) => {
    const version = await resolveCliAsOf(store, asOf);
    const index = await GraphIndex.load(store);
    try {
      return await fn(store, index, version);
    } finally {
      index.close();
    }
  });
}

/** Rows as aligned columns for people; --json prints the full report instead. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export const label = (n: { namespace: string; name: string }) => `${n.namespace}/${n.name}`;
