import { afterEach, beforeEach, expect, it } from 'vitest';
import { parseTokens } from '../../server/auth/parseTokens.js';
import { TokenRegistry } from '../../server/auth/tokenRegistry.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { IncidentCauseSource } from '../../graph-model/alerts/incidents/incidentCauseSource.js';
import { nodeId } from '../../graph-model/ids.js';
import { NS, pipeline } from '../support/builders.js';
import { describeEachEngine, useStore } from '../support/engines.js';
import { postJson, startServer } from '../server/httpClient.js';

const INGEST = 'etl:ingest:0123456789abcdef';
const READ = 'ui:read:abcdefghijklmnop';
const ADMIN = 'ops:admin:ZYXWVUTSRQPONMLK';
const bearer = (token: string) => ({ authorization: `Bearer ${token.split(':')[2]}` });
const ORDERS = `asset:${NS}/shop.public.orders`;

describeEachEngine('incidents over HTTP', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  let base: string;
  let close: () => Promise<void>;
  beforeEach(async () => {
    store = shared.store();
    await store.apply(pipeline());
    ({ base, close } = await startServer(store, { tokens: new TokenRegistry(parseTokens([INGEST, READ, ADMIN].join(','))) }));
  });
  afterEach(async () => close());

  const get = async (path: string, token: string) => {
    const res = await fetch(base + path, { headers: bearer(token) });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('opens an incident on fields with the ingest scope, names the token as its actor, and reports it as an INCIDENT cause', async () => {
    const opened = await postJson(base, '/api/v1/incidents', { target: ORDERS, fields: ['amount'], severity: 'HIGH', note: 'amounts doubled since 06:00' }, bearer(INGEST));
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ status: 'OPEN', severity: 'HIGH', fields: ['amount'], note: 'amounts doubled since 06:00', openedBy: 'etl', nodeId: nodeId('ASSET', NS, 'shop.public.orders') });
    const causes = await new IncidentCauseSource(store.db).openCauses();
    expect(causes).toEqual([
      expect.objectContaining({ key: `incident:${opened.body.id}`, kind: 'INCIDENT', node: { type: 'ASSET', namespace: NS, name: 'shop.public.orders' }, fields: ['amount'], severity: 'HIGH', since: opened.body.openedAt }),
    ]);
  });

  it('resolves it once (admin may too), keeps the history, and the cause is gone', async () => {
    const { body: incident } = await postJson(base, '/api/v1/incidents', { target: ORDERS, severity: 'LOW', note: 'late' }, bearer(ADMIN));
    const resolved = await postJson(base, `/api/v1/incidents/${incident.id}/resolve`, { note: 'backfilled' }, bearer(INGEST));
    expect(resolved).toMatchObject({ status: 200, body: { status: 'RESOLVED', resolvedBy: 'etl', resolveNote: 'backfilled' } });
    const again = await postJson(base, `/api/v1/incidents/${incident.id}/resolve`, {}, bearer(INGEST));
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'INCIDENT_ALREADY_RESOLVED' } } });
    const read = await get(`/api/v1/incidents/${incident.id}`, READ);
    expect(read.body.history.map((e: any) => [e.event, e.actor, e.note])).toEqual([['OPENED', 'ops', 'late'], ['RESOLVED', 'etl', 'backfilled']]);
    expect(await new IncidentCauseSource(store.db).openCauses()).toEqual([]);
    expect((await get('/api/v1/incidents?status=RESOLVED', READ)).body.incidents.map((i: any) => i.id)).toEqual([incident.id]);
    expect((await get('/api/v1/incidents?status=OPEN', READ)).body.incidents).toEqual([]);
  });

  it('refuses a read-only token, an unknown node or field, a missing note, and an unknown incident', async () => {
    expect((await postJson(base, '/api/v1/incidents', { target: ORDERS, severity: 'LOW', note: 'x' }, bearer(READ))).status).toBe(403);
    expect(await postJson(base, '/api/v1/incidents', { target: `asset:${NS}/nope`, severity: 'LOW', note: 'x' }, bearer(INGEST))).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await postJson(base, '/api/v1/incidents', { target: ORDERS, fields: ['colour'], severity: 'LOW', note: 'x' }, bearer(INGEST))).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT' } } });
    expect(await postJson(base, '/api/v1/incidents', { target: ORDERS, severity: 'SEVERE', note: 'x' }, bearer(INGEST))).toMatchObject({ status: 400, body: { error: { code: 'MALFORMED_BODY' } } });
    expect(await postJson(base, '/api/v1/incidents', { target: ORDERS, severity: 'LOW', note: '  ' }, bearer(INGEST))).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT' } } });
    expect(await postJson(base, '/api/v1/incidents/999/resolve', {}, bearer(INGEST))).toMatchObject({ status: 404, body: { error: { code: 'INCIDENT_NOT_FOUND' } } });
    expect((await get('/api/v1/incidents', READ)).body.incidents).toEqual([]);
  });
});
