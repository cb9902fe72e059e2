import { expect, it } from 'vitest';
import type { ChangesetIssueCode } from '../../graph-model/errors.js';
import type { Changeset } from '../../graph-model/model.js';
import { A, JOBS, NS, fieldEdge, job, pipeline, reads, table } from '../support/builders.js';
import { describeEachEngine, useStore } from '../support/engines.js';
import { rejection } from '../support/rejection.js';

describeEachEngine('bad changesets', (engine) => {
  const shared = useStore(engine);

  const cases: [string, (base: Changeset) => Changeset, ChangesetIssueCode, string][] = [
    ['an asset-to-asset edge', (b) => ({ ...b, edges: [...b.edges!, { from: A('shop.public.orders'), to: A('shop.public.users') }] }), 'INVALID_EDGE', 'edges[3]'],
    [
      'a computation-to-computation edge',
      (b) => ({ ...b, edges: [{ from: { type: 'COMPUTATION', namespace: JOBS, name: 'enrich' }, to: { type: 'COMPUTATION', namespace: JOBS, name: 'enrich' } }] }),
      'INVALID_EDGE',
      'edges[0]',
    ],
    ['an edge to a node that does not exist', (b) => ({ ...b, edges: [...b.edges!, reads('shop.public.missing', 'enrich')] }), 'UNKNOWN_NODE', 'edges[3].from'],
    ['an empty namespace', (b) => ({ ...b, assets: [...b.assets!, { namespace: '', name: 'x', kind: 'TABLE' }] }), 'EMPTY_IDENTITY', 'assets[3].namespace'],
    ['an empty name', (b) => ({ ...b, computations: [{ namespace: JOBS, name: ' ', kind: 'BATCH_JOB' }] }), 'EMPTY_IDENTITY', 'computations[0].name'],
    ['an unknown kind', (b) => ({ ...b, assets: [...b.assets!, { namespace: NS, name: 'x', kind: 'SPREADSHEET' }] }), 'UNKNOWN_KIND', 'assets[3].kind'],
    [
      'a field edge to a field the asset does not have',
      (b) => ({ ...b, fieldEdges: [...b.fieldEdges!, fieldEdge('enrich', ['shop.public.orders', 'nope'], ['shop.mart.orders_enriched', 'id'])] }),
      'UNKNOWN_FIELD',
      'fieldEdges[3].input.field',
    ],
    ['a tag on a missing field', (b) => ({ ...b, tags: [{ target: A('shop.public.users'), field: 'email', key: 'pii', value: 'email' }] }), 'UNKNOWN_FIELD', 'tags[0].target.field'],
    ['a malformed changeset', (b) => ({ ...b, edges: [{ from: A('x') } as never] }), 'INVALID_SHAPE', 'edges[0].to'],
    [
      'the same node asserted twice with different content',
      (b) => ({ ...b, assets: [...b.assets!, table('shop.public.orders', ['id'])] }),
      'CONFLICTING_ASSERTION',
      'assets[3]',
    ],
  ];

  it.each(cases)('refuses %s, naming the item, and commits nothing', async (_name, mutate, code, path) => {
    const store = shared.store();
    await store.apply(pipeline());
    const before = await store.changes(0);
    const error = await rejection(store.apply(mutate(pipeline())));
    expect(error.issues[0]).toMatchObject({ code, path });
    expect(error.message).toContain(path);
    expect(await store.currentVersion()).toBe(1);
    expect(await store.changes(0)).toEqual(before);
  });

  it('refuses an edge to a node that a full sync of its only source retracts', async () => {
    const store = shared.store();
    await store.apply(pipeline());
    const next: Changeset = { source: 'dbt:shop', mode: 'full', computations: [job('enrich')], edges: [reads('shop.public.orders', 'enrich')] };
    const error = await rejection(store.apply(next));
    expect(error.issues[0]).toMatchObject({ code: 'UNKNOWN_NODE', path: 'edges[0].from' });
    // Another source's node can be referenced without re-asserting it.
    await store.apply({ source: 'other', mode: 'delta', computations: [job('audit')], edges: [reads('shop.public.orders', 'audit')] });
    expect(await store.currentVersion()).toBe(2);
  });

  it('accepts a field edge to a field another source declared', async () => {
    const store = shared.store();
    await store.apply(pipeline());
    const result = await store.apply({
      source: 'ol',
      mode: 'delta',
      computations: [job('mask')],
      fieldEdges: [fieldEdge('mask', ['shop.public.users', 'phone'], ['shop.mart.orders_enriched', 'phone'], true)],
    });
    expect(result).toMatchObject({ changed: true, stats: { fieldEdgesAdded: 1 } });
  });
});
