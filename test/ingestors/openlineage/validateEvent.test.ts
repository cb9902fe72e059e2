import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../../ingestors/openlineage/index.js';
import { RUN_1, dataset, datasetEvent, runEvent } from './olEvents.js';

const good = () => runEvent({ runId: RUN_1, eventType: 'START', eventTime: '2026-03-01T08:00:00Z', inputs: [dataset('risk.orders')] });

function issuesOf(json: unknown, path?: string) {
  const result = validateEvent(json, path);
  return result.ok ? [] : result.issues;
}

describe('validateEvent', () => {
  it('tells RunEvent, JobEvent and DatasetEvent apart', () => {
    const run = validateEvent(good());
    expect(run.ok && run.event.type).toBe('RunEvent');
    const { run: _run, eventType: _type, ...job } = good();
    const jobResult = validateEvent(job);
    expect(jobResult.ok && jobResult.event.type).toBe('JobEvent');
    const ds = validateEvent(datasetEvent('risk.orders', {}));
    expect(ds.ok && ds.event.type).toBe('DatasetEvent');
    expect(issuesOf({ eventTime: '2026-03-01T08:00:00Z', producer: 'p', schemaURL: 's' })).toEqual([
      { path: '', message: expect.stringContaining('not an OpenLineage event') },
    ]);
  });

  it('refuses a runId that is not a UUID, naming /run/runId under the given prefix', () => {
    const event = { ...good(), run: { runId: 'run-42' } };
    expect(issuesOf(event)).toEqual([{ path: '/run/runId', message: expect.stringContaining('UUID') }]);
    expect(issuesOf(event, '/events/3')).toEqual([{ path: '/events/3/run/runId', message: expect.stringContaining('UUID') }]);
  });

  it('refuses empty job and dataset namespaces and names', () => {
    const event = { ...good(), job: { namespace: '', name: 'x' }, outputs: [{ namespace: 'ns', name: ' ' }] };
    expect(issuesOf(event).map((i) => i.path)).toEqual(['/job/namespace', '/outputs/0/name']);
    expect(issuesOf(datasetEvent('', {})).map((i) => i.path)).toEqual(['/dataset/name']);
  });

  it('refuses a missing or malformed eventTime, and a missing producer or schemaURL', () => {
    const { eventTime: _t, producer: _p, ...rest } = good();
    expect(issuesOf(rest)).toEqual([
      { path: '/eventTime', message: 'eventTime is required' },
      { path: '/producer', message: 'producer is required' },
    ]);
    expect(issuesOf({ ...good(), eventTime: 'yesterday' })).toEqual([{ path: '/eventTime', message: expect.stringContaining('ISO-8601') }]);
    expect(issuesOf({ ...good(), eventTime: '2026-13-45T99:00:00Z' }).map((i) => i.path)).toEqual(['/eventTime']);
    expect(issuesOf({ ...good(), schemaURL: 42 }).map((i) => i.path)).toEqual(['/schemaURL']);
  });

  it('refuses an unknown eventType but accepts an event without one (as OTHER)', () => {
    expect(issuesOf({ ...good(), eventType: 'DONE' }).map((i) => i.path)).toEqual(['/eventType']);
    const { eventType: _e, ...withoutType } = good();
    const result = validateEvent(withoutType);
    expect(result.ok && result.event.type === 'RunEvent' && result.event.eventType).toBe('OTHER');
  });

  it('reads a time without offset as UTC, as the Python client sends it', () => {
    const result = validateEvent({ ...good(), eventTime: '2021-11-03T10:53:52.427343' });
    expect(result.ok && result.event.eventTime).toBe('2021-11-03T10:53:52.427Z');
    const offset = validateEvent({ ...good(), eventTime: '2026-03-01T10:00:00+02:00' });
    expect(offset.ok && offset.event.eventTime).toBe('2026-03-01T08:00:00.000Z');
  });

  it('keeps facets without _producer/_schemaURL and unknown facets', () => {
    const event = {
      ...good(),
      job: { namespace: 'airflow://risk', name: 'j', facets: { sql: { query: 'select 1' }, myCompanyFacet: { anything: [1, 2] } } },
    };
    const result = validateEvent(event);
    expect(result.ok).toBe(true);
    expect(result.ok && result.event.type !== 'DatasetEvent' && result.event.job.facets).toEqual(event.job.facets);
  });

  describe('against the OpenLineage JSON Schema (spec 2-0-2)', () => {
    it('refuses a producer or a facet _schemaURL that is not a URI, naming the field', () => {
      expect(issuesOf({ ...good(), producer: 'my laptop' })).toEqual([{ path: '/producer', message: expect.stringContaining('format "uri"') }]);
      const jobFacets = { sql: { _producer: 'https://example.com/p', _schemaURL: 'SQLJobFacet', query: 'select 1' } };
      const event = { ...good(), job: { namespace: 'airflow://risk', name: 'j', facets: jobFacets } };
      expect(issuesOf(event, '/events/2')).toEqual([{ path: '/events/2/job/facets/sql/_schemaURL', message: expect.stringContaining('format "uri"') }]);
    });

    it('refuses a schema facet whose fields are not a list of named fields', () => {
      const notAList = runEvent({ runId: RUN_1, eventType: 'START', eventTime: '2026-03-01T08:00:00Z', outputs: [dataset('risk.scores', { schema: { fields: { name: 'id' } } })] });
      expect(issuesOf(notAList)).toEqual([{ path: '/outputs/0/facets/schema/fields', message: 'fields must be array (OpenLineage spec)' }]);
      const unnamed = datasetEvent('risk.scores', { schema: { fields: [{ name: 'id' }, { type: 'text' }] } });
      expect(issuesOf(unnamed)).toEqual([{ path: '/dataset/facets/schema/fields/1/name', message: 'name is required' }]);
    });

    it('refuses a column-lineage input without its field, and keeps a deleted facet without content', () => {
      const lineage = { columnLineage: { fields: { score: { inputFields: [{ namespace: 'postgres://warehouse:5432', name: 'risk.orders' }] } } } };
      const event = runEvent({ runId: RUN_1, eventType: 'COMPLETE', eventTime: '2026-03-01T08:00:00Z', outputs: [dataset('risk.scores', lineage)] });
      expect(issuesOf(event)).toEqual([{ path: '/outputs/0/facets/columnLineage/fields/score/inputFields/0/field', message: 'field is required' }]);
      const deleted = datasetEvent('risk.scores', { schema: { _deleted: true }, columnLineage: { _deleted: true } });
      expect(validateEvent(deleted).ok).toBe(true);
    });

    it('reports a field once, with the project\'s message, when both the spec and the project refuse it', () => {
      expect(issuesOf({ ...good(), run: { runId: 42 } })).toEqual([{ path: '/run/runId', message: 'run.runId must be a UUID, got 42' }]);
    });
  });
});
