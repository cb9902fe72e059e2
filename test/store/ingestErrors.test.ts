import { expect, it } from 'vitest';
import { nodeId } from '../../graph-model/ids.js';
import type { Changeset } from '../../graph-model/model.js';
import type { IngestBatch, Ingestor } from '../../ingestors/contract.js';
import { runIngestor } from '../../ingestors/runIngestor.js';
import { A, C, NS, pipeline, reads } from '../support/builders.js';
import { describeEachEngine, useStore } from '../support/engines.js';

/** An ingestor that yields the given batches, then throws `failAfter` when set. */
function scripted(source: string, batches: IngestBatch[], failAfter?: Error): Ingestor<null> {
  return {
    kind: 'test',
    sourceId: () => source,
    async *read() {
      yield* batches;
      if (failAfter) throw failAfter;
    },
  };
}

describeEachEngine('ingest errors', (engine) => {
  const shared = useStore(engine);

  it('records errors with the current graph version and reads them back by source and node, newest first', async () => {
    const store = shared.store();
    expect(await store.recordIngestErrors('sql:a', [{ location: 'a.sql:1:1', message: 'before any commit' }])).toBe(0);
    await store.apply(pipeline());
    await store.recordIngestErrors('sql:a', [
      { location: 'a.sql:3:1', message: 'syntax error', node: A('shop.public.orders') },
      { location: 'a.sql:9:5', message: 'unknown table' },
    ]);
    await store.recordIngestErrors('sql:b', [{ location: 'b.sql:2:1', message: 'other source', node: A('shop.public.orders') }]);
    await store.recordIngestErrors('sql:b', []);

    const ofA = await store.ingestErrors({ source: 'sql:a' });
    expect(ofA.map((e) => [e.location, e.graphVersion])).toEqual([
      ['a.sql:9:5', 1],
      ['a.sql:3:1', 1],
      ['a.sql:1:1', 0],
    ]);
    expect(ofA[1]).toMatchObject({ source: 'sql:a', message: 'syntax error', nodeId: nodeId('ASSET', NS, 'shop.public.orders') });
    expect(ofA[0]!.nodeId).toBeNull();
    expect(Number.isNaN(Date.parse(ofA[0]!.recordedAt))).toBe(false);

    const orders = nodeId('ASSET', NS, 'shop.public.orders');
    expect((await store.ingestErrors({ nodeId: orders })).map((e) => e.source)).toEqual(['sql:b', 'sql:a']);
    expect((await store.ingestErrors({ source: 'sql:a', nodeId: orders })).map((e) => e.location)).toEqual(['a.sql:3:1']);
    expect((await store.ingestErrors({ limit: 2 })).map((e) => e.location)).toEqual(['b.sql:2:1', 'a.sql:9:5']);
    expect(await store.ingestErrors({ source: 'nobody' })).toEqual([]);
  });

  it('runIngestor persists the errors of a run, store rejections included, and still reports them', async () => {
    const store = shared.store();
    const refused: Changeset = { source: 'test:src', mode: 'delta', edges: [reads('missing.table', 'nobody')] };
    const report = await runIngestor(
      store,
      scripted('test:src', [
        { changeset: { ...pipeline('test:src'), mode: 'delta' }, errors: [{ location: 'in.sql:4:2', message: 'cannot parse', node: C('enrich') }] },
        { changeset: refused, errors: [] },
      ]),
      null,
      { actor: 'tester' },
    );
    expect(report.source).toBe('test:src');
    expect(report.versions).toEqual([1]);
    expect(report.results).toHaveLength(1);
    expect(report.errors[0]).toEqual({ location: 'in.sql:4:2', message: 'cannot parse', node: C('enrich') });
    expect(report.errors.slice(1).every((e) => e.location.startsWith('changeset edges[0]'))).toBe(true);

    const stored = await store.ingestErrors({ source: 'test:src' });
    expect(stored).toHaveLength(report.errors.length);
    const parseError = stored.find((e) => e.location === 'in.sql:4:2')!;
    expect(parseError).toMatchObject({ graphVersion: 1, nodeId: nodeId('COMPUTATION', 'risk.jobs', 'enrich') });
    expect(stored.filter((e) => e.location.startsWith('changeset ')).every((e) => e.graphVersion === 1)).toBe(true);
  });

  it('keeps the errors found before a run fails half-way', async () => {
    const store = shared.store();
    const run = runIngestor(
      store,
      scripted('test:broken', [{ changeset: { source: 'test:broken', mode: 'delta' }, errors: [{ location: 'x.json#/0', message: 'bad event' }] }], new Error('disk on fire')),
      null,
    );
    await expect(run).rejects.toThrow('disk on fire');
    expect((await store.ingestErrors({ source: 'test:broken' })).map((e) => e.message)).toEqual(['bad event']);
  });

  it('records warnings apart from errors: each row says which, a filter takes one kind, and an error is an error by default', async () => {
    const store = shared.store();
    await store.recordIngestErrors('sql:w', [{ location: 'w.sql:1:1', message: 'cannot parse' }]);
    await store.recordIngestErrors('sql:w', [{ location: 'w.sql:4:3', message: 'read in part', severity: 'warning' }]);
    expect((await store.ingestErrors({ source: 'sql:w' })).map((e) => [e.location, e.severity])).toEqual([
      ['w.sql:4:3', 'warning'],
      ['w.sql:1:1', 'error'],
    ]);
    expect((await store.ingestErrors({ source: 'sql:w', severity: 'warning' })).map((e) => e.location)).toEqual(['w.sql:4:3']);
    expect((await store.ingestErrors({ source: 'sql:w', severity: 'error' })).map((e) => e.location)).toEqual(['w.sql:1:1']);
  });

  it('runIngestor reports and records the warnings of a committed batch, apart from its errors, and none of a refused one', async () => {
    const store = shared.store();
    const warning = { location: 'in.sql:7:1', message: 'dynamic SQL is not read', node: C('enrich') };
    const refused: Changeset = { source: 'test:warn', mode: 'delta', edges: [reads('missing.table', 'nobody')] };
    const report = await runIngestor(
      store,
      scripted('test:warn', [
        { changeset: { ...pipeline('test:warn'), mode: 'delta' }, errors: [], warnings: [warning] },
        { changeset: refused, errors: [], warnings: [{ location: 'in.sql:9:1', message: 'of a changeset the store refuses' }] },
        { changeset: { source: 'test:warn', mode: 'delta' }, errors: [{ location: 'in.sql:11:1', message: 'all or nothing' }], warnings: [{ location: 'in.sql:12:1', message: 'of a refused batch' }], refused: true },
      ]),
      null,
    );
    expect(report.warnings).toEqual([warning]);
    expect(report.errors.map((e) => e.location)).not.toContain('in.sql:7:1');
    const warnings = await store.ingestErrors({ source: 'test:warn', severity: 'warning' });
    expect(warnings).toEqual([expect.objectContaining({ location: 'in.sql:7:1', message: 'dynamic SQL is not read', nodeId: nodeId('COMPUTATION', 'risk.jobs', 'enrich'), graphVersion: 1 })]);
    expect((await store.ingestErrors({ source: 'test:warn', severity: 'error' })).length).toBe(report.errors.length);
  });

  it('a run without warnings reports an empty list and records none', async () => {
    const store = shared.store();
    const report = await runIngestor(store, scripted('test:quiet', [{ changeset: { ...pipeline('test:quiet'), mode: 'delta' }, errors: [] }]), null);
    expect(report.warnings).toEqual([]);
    expect(await store.ingestErrors({ source: 'test:quiet' })).toEqual([]);
  });
});
