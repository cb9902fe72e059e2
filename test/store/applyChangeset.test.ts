import { beforeEach, expect, it } from 'vitest';
import { nodeId } from '../../graph-model/ids.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { A, C, JOBS, NS, job, pipeline, reads, table, writes } from '../support/builders.js';
import { createTestDatabase, describeEachEngine, useStore } from '../support/engines.js';

const ids = {
  orders: nodeId('ASSET', NS, 'shop.public.orders'),
  users: nodeId('ASSET', NS, 'shop.public.users'),
  enriched: nodeId('ASSET', NS, 'shop.mart.orders_enriched'),
  enrich: nodeId('COMPUTATION', JOBS, 'enrich'),
};

describeEachEngine('applyChangeset', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('commits a changeset as graph version 1 with source, actor and commit time', async () => {
    const result = await store.apply(pipeline(), { actor: 'alice' });
    expect(result).toMatchObject({ version: 1, changed: true });
    expect(result.stats).toMatchObject({ nodesCreated: 4, edgesAdded: 3, fieldEdgesAdded: 3, tagsAdded: 1 });
    const info = await store.changeset(1);
    expect(info).toMatchObject({ version: 1, source: 'dbt:shop', actor: 'alice', mode: 'full' });
    expect(Date.parse(info!.committedAt)).toBeGreaterThan(Date.now() - 60_000);

    const enrich = await store.node(ids.enrich);
    expect(enrich).toMatchObject({ type: 'COMPUTATION', namespace: JOBS, name: 'enrich', kind: 'BATCH_JOB', fromVersion: 1, toVersion: null });
    expect(enrich!.definition.code?.text).toContain('insert into');
    expect(await store.nodeByName('ASSET', NS, 'shop.public.users')).toMatchObject({ id: ids.users, kind: 'TABLE' });
    const edges = await store.edges(ids.enrich);
    expect(edges.map((e) => [e.from, e.to, e.kind]).sort()).toEqual(
      [
        [ids.enrich, ids.enriched, 'WRITES'],
        [ids.orders, ids.enrich, 'READS'],
        [ids.users, ids.enrich, 'READS'],
      ].sort(),
    );
    expect(await store.edges(ids.enrich, { direction: 'in' })).toHaveLength(2);
    const fieldEdges = await store.fieldEdges(ids.users);
    expect(fieldEdges).toEqual([
      expect.objectContaining({ inputId: ids.users, inputField: 'phone', outputId: ids.enriched, outputField: 'phone', masking: true }),
    ]);
    expect(await store.tags(ids.users)).toEqual([expect.objectContaining({ field: 'phone', key: 'pii', value: 'phone' })]);
  });

  it('creates no version when the same content is applied again', async () => {
    await store.apply(pipeline());
    const again = await store.apply(pipeline());
    expect(again).toMatchObject({ version: 1, changed: false });
    expect(await store.currentVersion()).toBe(1);
    // Same content listed in another order is the same content.
    const shuffled = pipeline();
    shuffled.assets!.reverse();
    shuffled.edges!.reverse();
    expect(await store.apply(shuffled)).toMatchObject({ version: 1, changed: false });
  });

  it('versions a changed definition and keeps the old one readable at its version', async () => {
    await store.apply(pipeline());
    const next = pipeline();
    next.computations = [job('enrich', 'insert into orders_enriched select o.id, o.amount from orders o')];
    const result = await store.apply(next);
    expect(result).toMatchObject({ version: 2, changed: true, stats: { nodesUpdated: 1, nodesCreated: 0 } });
    expect((await store.node(ids.enrich))!.definition.code?.text).toContain('from orders o');
    expect((await store.node(ids.enrich, 1))!.definition.code?.text).toBe('insert into orders_enriched select ...');
    const history = await store.history(ids.enrich);
    expect(history.map((h) => [h.version, h.change])).toEqual([
      [1, 'CREATED'],
      [2, 'UPDATED'],
    ]);
    expect(history[1]!.diff.changed).toEqual(['code']);
  });

  it('retracts in a full sync what the source no longer asserts, and keeps it at older asOf', async () => {
    await store.apply(pipeline());
    const next = pipeline();
    next.assets = next.assets!.filter((a) => a.name !== 'shop.public.users');
    next.edges = next.edges!.filter((e) => e.from.name !== 'shop.public.users');
    next.fieldEdges = next.fieldEdges!.filter((f) => f.input.name !== 'shop.public.users');
    next.assets = next.assets.map((a) => (a.name === 'shop.mart.orders_enriched' ? table(a.name, ['id', 'amount']) : a));
    next.tags = [];
    const result = await store.apply(next);
    expect(result.stats).toMatchObject({ nodesDeleted: 1, nodesUpdated: 1, edgesRemoved: 1, fieldEdgesRemoved: 1, tagsRemoved: 1 });
    expect(await store.node(ids.users)).toBeNull();
    expect(await store.node(ids.users, 1)).toMatchObject({ name: 'shop.public.users', toVersion: 2 });
    expect(await store.edges(ids.enrich, { direction: 'in' })).toHaveLength(1);
    expect(await store.edges(ids.enrich, { asOf: 1, direction: 'in' })).toHaveLength(2);
    expect(await store.tags(ids.users, 1)).toHaveLength(1);
    const history = await store.history(ids.users);
    expect(history.map((h) => [h.version, h.change])).toEqual([
      [1, 'CREATED'],
      [2, 'DELETED'],
    ]);
    expect((await store.history(ids.enriched))[1]!.diff.fieldsRemoved).toEqual(['phone']);
  });

  it('keeps a fact while any source still asserts it', async () => {
    await store.apply(pipeline('dbt:shop'));
    await store.apply({
      source: 'openlineage',
      mode: 'delta',
      assets: [table('shop.public.orders', ['id', 'user_id', 'amount', 'created_at'])],
      computations: [job('enrich')],
      edges: [reads('shop.public.orders', 'enrich')],
    });
    // dbt stops asserting everything; OpenLineage's facts stay.
    await store.apply({ source: 'dbt:shop', mode: 'full' });
    expect(await store.node(ids.orders)).toMatchObject({ name: 'shop.public.orders' });
    expect(await store.node(ids.users)).toBeNull();
    expect((await store.edges(ids.enrich)).map((e) => e.from)).toEqual([ids.orders]);
    // Fields merge across sources while both assert the node.
    const merged = await store.node(ids.orders, 2);
    expect(merged!.definition.fields!.map((f) => f.name)).toEqual(['id', 'user_id', 'amount', 'created_at']);
  });

  it('retracts explicitly in a delta, and ends the facts of a node that ceases to exist', async () => {
    await store.apply(pipeline('ol', 'delta'));
    const result = await store.apply({ source: 'ol', mode: 'delta', retract: { nodes: [A('shop.public.users')] } });
    expect(result.stats).toMatchObject({ nodesDeleted: 1, edgesRemoved: 1, fieldEdgesRemoved: 1, tagsRemoved: 1 });
    expect(await store.node(ids.users)).toBeNull();
    expect(await store.fieldEdges(ids.enriched)).toHaveLength(2);
    const edgeRetraction = await store.apply({ source: 'ol', mode: 'delta', retract: { edges: [reads('shop.public.orders', 'enrich')] } });
    expect(edgeRetraction.stats.edgesRemoved).toBe(1);
    expect((await store.edges(ids.enrich)).map((e) => e.kind)).toEqual(['WRITES']);
    // Retracting something not asserted changes nothing.
    expect(await store.apply({ source: 'ol', mode: 'delta', retract: { nodes: [A('nope')] } })).toMatchObject({ changed: false, version: 3 });
  });

  it('maps a timestamp asOf to the last version committed at or before it', async () => {
    await store.apply(pipeline());
    // Commit times have microseconds, a Date milliseconds: a Date taken in the same millisecond as
    // the commit reads as before it. Step clear of both commits.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const between = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.apply({ source: 'dbt:shop', mode: 'full', assets: [table('shop.public.orders', ['id'])] });
    expect(await store.resolveAsOf(between.toISOString())).toBe(1);
    expect(await store.resolveAsOf('2000-01-01T00:00:00Z')).toBe(0);
    expect(await store.resolveAsOf(new Date(Date.now() + 60_000))).toBe(2);
    expect(await store.node(ids.users, between.toISOString())).not.toBeNull();
    expect(await store.node(ids.users)).toBeNull();
    await expect(store.resolveAsOf(7)).rejects.toThrow(/ahead of the latest graph version 2/);
    await expect(store.resolveAsOf('yesterday')).rejects.toThrow(/ISO-8601/);
  });

  it('lists the changesets since a version with what each changed', async () => {
    await store.apply(pipeline());
    await store.apply({ source: 'dbt:shop', mode: 'full', assets: [table('shop.public.orders', ['id', 'user_id'])] });
    const changes = await store.changes(0);
    expect(changes.map((c) => c.version)).toEqual([1, 2]);
    expect(changes[0]!.changes.nodes.filter((n) => n.change === 'CREATED')).toHaveLength(4);
    expect(changes[0]!.changes.edgesAdded).toHaveLength(3);
    const second = changes[1]!.changes;
    expect(second.nodes.find((n) => n.id === ids.orders)).toMatchObject({ change: 'UPDATED', diff: { fieldsRemoved: ['amount'] } });
    expect(second.nodes.filter((n) => n.change === 'DELETED').map((n) => n.name).sort()).toEqual(
      ['enrich', 'shop.mart.orders_enriched', 'shop.public.users'].sort(),
    );
    expect(second.edgesRemoved).toHaveLength(3);
    expect(second.fieldEdgesRemoved).toHaveLength(3);
    expect((await store.changes(1)).map((c) => c.version)).toEqual([2]);
    expect(await store.changes(0, { source: 'other' })).toEqual([]);
  });

  it('records runs at the current version when nothing else changes: no new graph version, state changes replace each other', async () => {
    await store.apply(pipeline());
    const run = { runId: '0176a8c2-fe01-7439-87e6-56a1a1b4029f', computation: { namespace: JOBS, name: 'enrich' } };
    const started = await store.apply({ source: 'ol', mode: 'delta', runs: [{ ...run, state: 'START', startedAt: '2026-11-01T10:00:00Z' }] });
    expect(started).toMatchObject({ version: 1, changed: false, stats: { runsRecorded: 1, nodesCreated: 0, edgesAdded: 0 } });
    expect(await store.runs(ids.enrich)).toEqual([expect.objectContaining({ state: 'START', fromVersion: 1, toVersion: null })]);
    const done = await store.apply({
      source: 'ol',
      mode: 'delta',
      runs: [{ ...run, state: 'COMPLETE', startedAt: '2026-11-01T10:00:00Z', endedAt: '2026-11-01T10:05:00Z', cost: 1.5 }],
    });
    expect(done).toMatchObject({ version: 1, changed: false, stats: { runsRecorded: 1 } });
    expect(await store.currentVersion()).toBe(1);
    // The later state replaces the earlier one recorded at the same version: one record per run at a version.
    expect(await store.runs(ids.enrich)).toEqual([
      expect.objectContaining({ state: 'COMPLETE', cost: 1.5, endedAt: '2026-11-01T10:05:00.000Z', fromVersion: 1, toVersion: null }),
    ]);
    expect(await store.run(run.runId, 1)).toMatchObject({ state: 'COMPLETE' });
    // The same record again records nothing.
    const again = await store.apply({
      source: 'ol',
      mode: 'delta',
      runs: [{ ...run, state: 'COMPLETE', startedAt: '2026-11-01T10:00:00Z', endedAt: '2026-11-01T10:05:00Z', cost: 1.5 }],
    });
    expect(again).toMatchObject({ version: 1, changed: false, stats: { runsRecorded: 0 } });
    // The change log has the one changeset that made version 1, with the run recorded at it.
    const log = await store.changes(0);
    expect(log.map((c) => c.version)).toEqual([1]);
    expect(log[0]!.changes.runs.map((r) => [r.runId, r.state])).toEqual([[run.runId, 'COMPLETE']]);
  });

  it('keeps the runs of a past version as they were when the next version was committed', async () => {
    await store.apply(pipeline());
    const first = { runId: '0176a8c2-fe01-7439-87e6-56a1a1b4029f', computation: { namespace: JOBS, name: 'enrich' } };
    const second = { runId: '0176a8c2-fe01-7439-87e6-56a1a1b402a0', computation: first.computation };
    await store.apply({ source: 'ol', mode: 'delta', runs: [{ ...first, state: 'START', startedAt: '2026-11-01T10:00:00Z' }] });
    // A run recorded with a change of the graph makes a version as before.
    const withChange = await store.apply({
      source: 'ol',
      mode: 'delta',
      assets: [table('shop.public.refunds', ['id'])],
      runs: [{ ...second, state: 'START', startedAt: '2026-11-02T10:00:00Z' }],
    });
    expect(withChange).toMatchObject({ version: 2, changed: true, stats: { nodesCreated: 1, runsRecorded: 1 } });
    // Version 2 is now the current one: the first run's completion is recorded there, and version 1 still reads it started.
    expect(await store.apply({ source: 'ol', mode: 'delta', runs: [{ ...first, state: 'COMPLETE', startedAt: '2026-11-01T10:00:00Z', endedAt: '2026-11-01T10:05:00Z' }] })).toMatchObject({
      version: 2,
      changed: false,
    });
    const states = (runs: { runId: string; state: string }[]) => runs.map((r) => `${r.runId.slice(-2)} ${r.state}`).sort();
    expect(states(await store.runs(ids.enrich, 1))).toEqual(['9f START']);
    expect(states(await store.runs(ids.enrich, 2))).toEqual(['9f COMPLETE', 'a0 START']);
    expect(await store.run(first.runId, 1)).toMatchObject({ state: 'START', fromVersion: 1, toVersion: 2 });
    expect(await store.run(first.runId)).toMatchObject({ state: 'COMPLETE', fromVersion: 2, toVersion: null });
  });

  it('gives every node an opaque id stable across stores', async () => {
    await store.apply(pipeline());
    const other = await createTestDatabase(engine);
    try {
      const second = await other.open();
      await second.apply({ source: 'x', mode: 'full', assets: [table('shop.public.users')] });
      expect((await second.nodeByName('ASSET', NS, 'shop.public.users'))!.id).toBe(ids.users);
    } finally {
      await other.dispose();
    }
    expect(ids.users).not.toContain('shop');
    expect(C('enrich').type).toBe('COMPUTATION');
    void writes;
  });
});
