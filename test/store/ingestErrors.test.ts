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
});
