import type { ApplyResult } from '../../../graph-model/model.js';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { OPENLINEAGE_SOURCE, ingestEvents, type EventIssue } from '../../../ingestors/openlineage/index.js';
import { logger } from '../../logger.js';
import { HttpError } from '../httpError.js';
import { pointerToPath, stripPointerPrefix } from '../jsonPointer.js';
import { parseJsonBody } from '../parseJsonBody.js';
import { readBody, type BodyLimits } from '../readBody.js';
import { requireJson } from '../requireJson.js';
import type { Router } from '../router.js';
import { sendJson } from '../sendJson.js';

export const LINEAGE_PATH = '/api/v1/lineage';

interface FieldIssue {
  /** The bad field as a person reads it: `run.runId`, or `[3].run.runId` in a batch. */
  path: string;
  /** The same as a JSON Pointer into the request body. */
  pointer: string;
  message: string;
}

/** Issues of ingestEvents say `/<index>/...`; a request of one event (not an array) has no index. */
function fieldIssues(issues: EventIssue[], batch: boolean): FieldIssue[] {
  return issues.map((issue) => {
    const pointer = batch ? issue.path : stripPointerPrefix(issue.path, '/0');
    return { path: pointerToPath(pointer), pointer, message: issue.message };
  });
}

function summary(issues: FieldIssue[]): string {
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${first.path || '(body)'}: ${first.message}${more}`;
}

/** Counters the route feeds (ServiceMetrics): events accepted and refused per source. */
export interface IngestCounters {
  accepted(source: string, count: number): void;
  refused(source: string, count: number): void;
}

const NO_COUNTERS: IngestCounters = { accepted: () => {}, refused: () => {} };

/**
 * `POST /api/v1/lineage`: one OpenLineage event or an array of them, as JSON (gzip or deflate
 * allowed, as the OpenLineage clients' `compression: gzip` sends it). All events are validated
 * before anything commits (400 naming each bad field). Then the request's events commit as one
 * changeset (one version), together with those of requests arriving at the same moment; events
 * are still applied in order, each seeing what the ones before it did. When the store refuses the
 * changeset, the events are committed one by one so that only the refused ones are lost: each is
 * recorded as an ingest error of the source and listed in the answer; when no event committed,
 * the answer is 400.
 */
export function lineageRoute(router: Router, store: GraphStore, options: { body: BodyLimits; counters?: IngestCounters }): void {
  const counters = options.counters ?? NO_COUNTERS;
  router.on('POST', LINEAGE_PATH, async (req, res, { requestId, principal }) => {
    requireJson(req);
    const json = parseJsonBody(await readBody(req, options.body));
    const batch = Array.isArray(json);
    const events: unknown[] = batch ? json : [json];
    if (events.length === 0) throw new HttpError('EMPTY_BATCH', 'the batch holds no events', { issues: [] });

    const outcome = await ingestEvents(store, events, principal.name);
    if (outcome.status === 'invalid') {
      const issues = fieldIssues(outcome.errors, batch);
      counters.refused(OPENLINEAGE_SOURCE, events.length);
      throw new HttpError('INVALID_EVENT', summary(issues), { issues });
    }
    // The client is told the refusal's error id; the database's own message goes only to the log.
    for (const { refusal } of outcome.errors) {
      if (refusal) logger.warn({ errorId: refusal.errorId, requestId, err: refusal.cause }, 'the database refused an OpenLineage event');
    }
    const rejected = fieldIssues(outcome.errors, batch);
    if (rejected.length > 0) {
      await store.recordIngestErrors(
        OPENLINEAGE_SOURCE,
        rejected.map((issue) => ({ location: `${LINEAGE_PATH} request ${requestId}#${issue.pointer}`, message: issue.message })),
      );
    }
    const warnings = fieldIssues(outcome.warnings, batch);
    if (warnings.length > 0) {
      await store.recordIngestErrors(
        OPENLINEAGE_SOURCE,
        warnings.map((issue, i) => ({
          location: `${LINEAGE_PATH} request ${requestId}#${issue.pointer}`,
          message: issue.message,
          node: { type: 'COMPUTATION' as const, ...outcome.warnings[i]!.job },
          // The event committed; its lineage says two things (README: a warning, not a bad item).
          severity: 'warning' as const,
        })),
      );
    }
    const committed = outcome.results.filter((result): result is ApplyResult => result !== null);
    counters.accepted(OPENLINEAGE_SOURCE, committed.length);
    counters.refused(OPENLINEAGE_SOURCE, outcome.results.length - committed.length);
    if (committed.length === 0) throw new HttpError('REJECTED', summary(rejected), { issues: rejected });
    sendJson(res, 201, {
      accepted: committed.length,
      rejected: outcome.results.length - committed.length,
      // The versions the request's events created, once each (events committed together share one);
      // events that changed nothing (sent before) create none, nor do events that only record runs.
      versions: [...new Set(committed.filter((result) => result.changed).map((result) => result.version))],
      // The graph version the request's last commit left (also when nothing changed).
      version: Math.max(...committed.map((result) => result.version)),
      ...(rejected.length > 0 ? { errors: rejected } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
    });
  }, { scope: 'ingest', name: 'openlineage' });
}
