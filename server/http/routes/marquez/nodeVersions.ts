import type { NodeType, NodeVersion } from '../../../../graph-model/model.js';
import { HttpError } from '../../httpError.js';
import { nodeNamed, versionUuid } from './marquezIds.js';
import type { MarquezParts } from './parts.js';

export interface VersionEntry {
  node: NodeVersion;
  uuid: string;
  committedAt: string;
}

/** The versions a dataset or job had up to `version`, newest first, each with its Marquez UUID. */
export async function nodeVersions(parts: MarquezParts, type: NodeType, namespace: string, name: string, version: number): Promise<VersionEntry[]> {
  const n = nodeNamed(parts.index, type, namespace, name, version);
  const id = parts.index.nodes.id(n);
  const history = await parts.store.history(id);
  return history
    .filter((entry) => entry.node !== null && entry.version <= version)
    .map((entry) => ({ node: entry.node!, uuid: versionUuid(id, entry.node!.fromVersion), committedAt: entry.committedAt }))
    .reverse();
}

/** One version by its UUID, or a 404 naming it. */
export function versionNamed(entries: VersionEntry[], uuid: string, what: string): VersionEntry {
  const found = entries.find((entry) => entry.uuid === uuid);
  if (!found) throw new HttpError('NOT_FOUND', `${what} has no version ${uuid}`, { version: uuid });
  return found;
}
