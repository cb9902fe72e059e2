import type { VersionedGraph } from '../../../../graph-model/index/versionedGraph.js';
import { HttpError } from '../../httpError.js';
import type { Router } from '../../router.js';
import { sendJson } from '../../sendJson.js';
import { API, type MarquezParts } from './parts.js';
import { pageParams, paged, readVersion } from './query.js';

interface NamespaceSpan {
  name: string;
  created: number;
  updated: number;
}

/** Every namespace holding a node at `version`, by name, with the first and last graph versions of its nodes. */
function namespacesAt(graph: VersionedGraph, version: number): NamespaceSpan[] {
  const spans = new Map<string, NamespaceSpan>();
  const nodes = graph.nodes;
  for (let n = 0; n < nodes.count; n++) {
    const current = nodes.versionAt(n, version);
    if (!current) continue;
    const name = nodes.namespace(n);
    const created = nodes.versionsOf(n)[0]!.fromVersion;
    const span = spans.get(name);
    if (!span) spans.set(name, { name, created, updated: current.fromVersion });
    else {
      span.created = Math.min(span.created, created);
      span.updated = Math.max(span.updated, current.fromVersion);
    }
  }
  return [...spans.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function namespaceViews(parts: MarquezParts, spans: NamespaceSpan[]): Promise<Record<string, unknown>[]> {
  const times = await parts.store.commitTimes(spans.flatMap((s) => [s.created, s.updated]));
  const at = (v: number) => times.get(v) ?? new Date(0).toISOString();
  return spans.map((s) => ({
    name: s.name,
    createdAt: at(s.created),
    updatedAt: at(s.updated),
    // Namespaces here are where nodes live, not objects of their own: OpenLineage's, owned by no one (Marquez's default owner).
    ownerName: 'anonymous',
    description: null,
    isHidden: false,
  }));
}

/** `GET /api/v1/namespaces` and `GET /api/v1/namespaces/{namespace}`. */
export function namespaceRoutes(router: Router, parts: MarquezParts): void {
  router.on('GET', `${API}/namespaces`, async (_req, res, { url }) => {
    const version = await readVersion(parts, url);
    const page = pageParams(parts, url);
    const all = namespacesAt(parts.index, version);
    sendJson(res, 200, { namespaces: await namespaceViews(parts, paged(all, page)), totalCount: all.length });
  }, { scope: 'read', name: 'marquez.namespaces' });

  router.on('GET', `${API}/namespaces/{namespace}`, async (_req, res, { url, params }) => {
    const version = await readVersion(parts, url);
    const span = namespacesAt(parts.index, version).find((s) => s.name === params.namespace);
    if (!span) throw new HttpError('NOT_FOUND', `no namespace ${params.namespace} at graph version ${version}`, { namespace: params.namespace, version });
    sendJson(res, 200, (await namespaceViews(parts, [span]))[0]);
  }, { scope: 'read', name: 'marquez.namespace' });
}
