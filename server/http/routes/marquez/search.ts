import { searchNodes } from '../../../../graph-model/analyses/searchNodes.js';
import type { NodeType } from '../../../../graph-model/model.js';
import { InvalidAsOfError } from '../../../../graph-model/store/operations/resolveAsOf.js';
import { HttpError } from '../../httpError.js';
import type { Router } from '../../router.js';
import { sendJson } from '../../sendJson.js';
import { marquezNodeId } from './marquezIds.js';
import { API, type MarquezParts } from './parts.js';
import { pageParams, readVersion, required } from './query.js';

/** Marquez matches `q` anywhere in the name, case-insensitively, `%` any run of characters and `_` one. */
export function searchPattern(q: string): RegExp {
  const escaped = q.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(escaped.replaceAll('%', '.*').replaceAll('_', '.'), 's');
}

function filterType(raw: string | null): NodeType | undefined {
  if (raw === null || raw === '') return undefined;
  if (raw.toUpperCase() === 'DATASET') return 'ASSET';
  if (raw.toUpperCase() === 'JOB') return 'COMPUTATION';
  throw new HttpError('BAD_QUERY', `filter must be DATASET or JOB, got "${raw}"`, { parameter: 'filter' });
}

function sortOrder(raw: string | null): 'NAME' | 'UPDATE_AT' {
  const sort = (raw ?? 'NAME').toUpperCase();
  if (sort === 'NAME' || sort === 'UPDATE_AT') return sort;
  throw new HttpError('BAD_QUERY', `sort must be NAME or UPDATE_AT, got "${raw}"`, { parameter: 'sort' });
}

/** `before`/`after` (YYYY-MM-DD) as the last graph version committed before that day began. */
async function dayVersion(parts: MarquezParts, url: URL, name: 'before' | 'after'): Promise<number | undefined> {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw new HttpError('BAD_QUERY', `${name} must be a date YYYY-MM-DD, got "${raw}"`, { parameter: name });
  try {
    return await parts.store.resolveAsOf(raw);
  } catch (error) {
    if (error instanceof InvalidAsOfError) throw new HttpError('BAD_QUERY', `${name}: ${error.message}`, { parameter: name });
    throw error;
  }
}

/**
 * `GET /api/v1/search?q=&filter=&sort=&limit=&namespace=&before=&after=`: the search analysis over
 * names. By name it pages in the index; by UPDATE_AT (newest first) the first maxLineageNodes
 * matches by name are ranked, which Marquez's UI never exceeds (it asks for 10 or 20).
 */
export function searchRoute(router: Router, parts: MarquezParts): void {
  router.on('GET', `${API}/search`, async (_req, res, { url }) => {
    const version = await readVersion(parts, url);
    const q = required(url, 'q');
    const type = filterType(url.searchParams.get('filter'));
    const sort = sortOrder(url.searchParams.get('sort'));
    const { limit } = pageParams(parts, url, 10);
    const namespace = url.searchParams.get('namespace') || undefined;
    const [upTo, after] = await Promise.all([dayVersion(parts, url, 'before'), dayVersion(parts, url, 'after')]);
    const graph = parts.index;
    const found = searchNodes(graph, {
      text: '',
      namePattern: searchPattern(q),
      asOf: version,
      limit: sort === 'NAME' ? limit : parts.limits.maxLineageNodes,
      ...(type ? { type } : {}),
      ...(namespace !== undefined ? { namespace } : {}),
      ...(upTo !== undefined ? { changedUpTo: upTo } : {}),
      ...(after !== undefined ? { changedAfter: after } : {}),
    });
    let hits = found.hits.map((hit) => {
      const n = graph.nodes.indexOf(hit.id)!;
      return { n, hit, updated: graph.nodes.versionAt(n, version)!.fromVersion };
    });
    if (sort === 'UPDATE_AT') hits = hits.sort((a, b) => b.updated - a.updated).slice(0, limit);
    const times = await parts.store.commitTimes(hits.map((h) => h.updated));
    sendJson(res, 200, {
      totalCount: found.total,
      results: hits.map(({ n, hit, updated }) => ({
        type: hit.type === 'ASSET' ? 'DATASET' : 'JOB',
        name: hit.name,
        updatedAt: times.get(updated) ?? new Date(0).toISOString(),
        namespace: hit.namespace,
        nodeId: marquezNodeId(graph, n),
      })),
    });
  }, { scope: 'read', name: 'marquez.search' });
}
