import { searchNodes } from '../../../../graph-model/analyses/searchNodes.js';
import type { NodeType } from '../../../../graph-model/model.js';
import type { MarquezParts } from './parts.js';
import type { Page } from './query.js';

/** One page of a namespace's datasets (assets) or jobs (computations) at a version, by name, and how many there are. */
export function namespaceNodes(parts: MarquezParts, namespace: string, type: NodeType, version: number, page: Page): { nodes: number[]; total: number } {
  const found = searchNodes(parts.index, { text: '', type, namespace, asOf: version, limit: page.offset + page.limit });
  const nodes = found.hits.slice(page.offset).map((hit) => parts.index.nodes.indexOf(hit.id)!);
  return { nodes, total: found.total };
}
