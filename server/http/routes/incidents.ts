import { z } from 'zod';
import { parseTarget } from '../../../graph-model/ids.js';
import { IncidentError, type Incidents } from '../../../graph-model/alerts/incidents/incidents.js';
import { SEVERITIES } from '../../../graph-model/alerts/incidents/incident.js';
import type { CauseSeverity } from '../../../graph-model/alerts/cause.js';
import { HttpError } from '../httpError.js';
import { parseJsonBody } from '../parseJsonBody.js';
import { readBody, type BodyLimits } from '../readBody.js';
import { requireJson } from '../requireJson.js';
import type { Router } from '../router.js';
import { sendJson } from '../sendJson.js';

export const INCIDENTS_PATH = '/api/v1/incidents';

const OPEN_BODY = z.object({
  /** `asset:<namespace>/<name>` or `computation:<namespace>/<name>`, as the CLI names nodes. */
  target: z.string().min(1),
  fields: z.array(z.string().min(1)).max(1000).optional(),
  severity: z.enum(SEVERITIES as [CauseSeverity, ...CauseSeverity[]]),
  note: z.string(),
}).strict();

const RESOLVE_BODY = z.object({ note: z.string().default('') }).strict();

function bodyOf<T>(schema: z.ZodType<T>, json: unknown): T {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw new HttpError('MALFORMED_BODY', `${issues[0]!.path || '(body)'}: ${issues[0]!.message}`, { issues });
}

function answered(error: unknown): never {
  if (error instanceof IncidentError) throw new HttpError(error.code, error.message, {}, { cause: error });
  throw error;
}

function incidentId(text: string | undefined): number {
  if (!text || !/^[1-9]\d{0,15}$/.test(text)) throw new HttpError('BAD_PATH', `incident id must be a positive integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

/**
 * Incidents over HTTP (docs/alerts.md): open and resolve need the `ingest` scope (or `admin`),
 * as the other writes do; listing and reading need `read`. The actor is the token's name.
 */
export function incidentRoutes(router: Router, incidents: Incidents, options: { body: BodyLimits }): void {
  router.on('POST', INCIDENTS_PATH, async (req, res, { principal }) => {
    requireJson(req);
    const body = bodyOf(OPEN_BODY, parseJsonBody(await readBody(req, options.body)));
    const node = parseTarget(body.target);
    if ('error' in node) throw new HttpError('MALFORMED_BODY', `target: ${node.error}`, { issues: [{ path: 'target', message: node.error }] });
    const incident = await incidents.open({ node, fields: body.fields, severity: body.severity, note: body.note, actor: principal.name }).catch(answered);
    sendJson(res, 201, incident);
  }, { scope: 'ingest', name: 'incidents.open' });

  router.on('POST', `${INCIDENTS_PATH}/{id}/resolve`, async (req, res, { principal, params }) => {
    const id = incidentId(params.id);
    requireJson(req);
    const body = bodyOf(RESOLVE_BODY, parseJsonBody(await readBody(req, options.body)));
    const incident = await incidents.resolve(id, principal.name, body.note).catch(answered);
    sendJson(res, 200, incident);
  }, { scope: 'ingest', name: 'incidents.resolve' });

  router.on('GET', INCIDENTS_PATH, async (_req, res, { url }) => {
    const status = url.searchParams.get('status')?.toUpperCase();
    if (status !== undefined && status !== 'OPEN' && status !== 'RESOLVED') throw new HttpError('BAD_USER_INPUT', `status must be OPEN or RESOLVED, got ${JSON.stringify(status)}`);
    sendJson(res, 200, { incidents: await incidents.list({ status }) });
  }, { scope: 'read', name: 'incidents.list' });

  router.on('GET', `${INCIDENTS_PATH}/{id}`, async (_req, res, { params }) => {
    const incident = await incidents.get(incidentId(params.id));
    if (!incident) throw new HttpError('INCIDENT_NOT_FOUND', `no incident ${params.id}`);
    sendJson(res, 200, incident);
  }, { scope: 'read', name: 'incidents.get' });
}
