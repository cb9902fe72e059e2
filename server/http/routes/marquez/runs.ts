import { HttpError } from '../../httpError.js';
import type { Router } from '../../router.js';
import { sendJson } from '../../sendJson.js';
import { jobFacets, runFacets } from './facets.js';
import { nodeNamed } from './marquezIds.js';
import { API, type MarquezParts } from './parts.js';
import { pageParams, paged, readVersion } from './query.js';
import { newestFirst, runView } from './runView.js';

/** `GET .../jobs/{job}/runs` (newest first), `GET /api/v1/jobs/runs/{id}` and `.../{id}/facets`. */
export function runRoutes(router: Router, parts: MarquezParts): void {
  router.on('GET', `${API}/namespaces/{namespace}/jobs/{job}/runs`, async (_req, res, { url, params }) => {
    const version = await readVersion(parts, url);
    const page = pageParams(parts, url);
    const n = nodeNamed(parts.index, 'COMPUTATION', params.namespace!, params.job!, version);
    const runs = newestFirst(await parts.store.runs(parts.index.nodes.id(n), version));
    const shown = paged(runs, page);
    const times = await parts.store.commitTimes(shown.map((r) => r.fromVersion));
    sendJson(res, 200, { runs: shown.map((run) => runView(parts.index, run, times.get(run.fromVersion)!)), totalCount: runs.length });
  }, { scope: 'read', name: 'marquez.runs' });

  const oneRun = async (url: URL, id: string) => {
    const version = await readVersion(parts, url);
    const run = await parts.store.run(id, version);
    if (!run) throw new HttpError('NOT_FOUND', `no run ${id} at graph version ${version}`, { runId: id, version });
    return { run, version };
  };
  router.on('GET', `${API}/jobs/runs/{id}`, async (_req, res, { url, params }) => {
    const { run } = await oneRun(url, params.id!);
    const times = await parts.store.commitTimes([run.fromVersion]);
    sendJson(res, 200, runView(parts.index, run, times.get(run.fromVersion)!));
  }, { scope: 'read', name: 'marquez.run' });

  router.on('GET', `${API}/jobs/runs/{id}/facets`, async (_req, res, { url, params }) => {
    const type = url.searchParams.get('type') ?? 'run';
    if (type !== 'run' && type !== 'job') throw new HttpError('BAD_QUERY', `type must be run or job, got "${type}"`, { parameter: 'type' });
    const { run, version } = await oneRun(url, params.id!);
    // A run's job facets are those of the job as it was when the run was last recorded.
    const job = type === 'job' ? await parts.store.node(run.computationId, Math.min(run.fromVersion, version)) : null;
    sendJson(res, 200, { runId: run.runId, facets: type === 'run' ? runFacets(run) : jobFacets(job?.definition ?? {}) });
  }, { scope: 'read', name: 'marquez.runFacets' });
}
