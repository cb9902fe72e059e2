import { expect, it } from 'vitest';
import { nodeId } from '../../graph-model/ids.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { IndexAdvance } from '../../graph-model/index/indexAdvance.js';
import { OPEN } from '../../graph-model/index/versions.js';
import { JOBS, job, NS, pipeline, reads, table, writes } from '../support/builders.js';
import { describeEachEngine, useStore } from '../support/engines.js';

const aid = (name: string) => nodeId('ASSET', NS, name);
const cid = (name: string) => nodeId('COMPUTATION', JOBS, name);

/** An advance with node ids and edges as "from>to" names, to compare against what was committed. */
function readable(index: GraphIndex, advance: IndexAdvance) {
  const E = index.edges;
  const name = (n: number) => index.nodes.name(n);
  return {
    since: advance.since,
    upTo: advance.upTo,
    nodes: advance.nodes.map(name).sort(),
    edges: advance.edges.map((e) => `${name(E.sourceOf(e))}>${name(E.targetOf(e))}@${E.fromVersionOf(e)}..${E.toVersionOf(e) === OPEN ? '' : E.toVersionOf(e)}`).sort(),
  };
}

describeEachEngine('GraphIndex.onAdvance', (engine) => {
  const shared = useStore(engine);

  it('reports each catch-up: its range, the nodes re-versioned and the edge rows added or ended', async () => {
    const store = shared.store();
    const v1 = (await store.apply(pipeline())).version;
    const index = await GraphIndex.load(store);
    const seen: IndexAdvance[] = [];
    index.onAdvance((advance) => {
      // Called after the graph moved: the index already holds upTo.
      expect(index.version).toBe(advance.upTo);
      seen.push(advance);
    });
    try {
      expect(seen).toEqual([]);
      const v2 = (await store.apply({ source: 'test:late', mode: 'delta', assets: [table('late')], computations: [job('late_job')], edges: [reads('shop.mart.orders_enriched', 'late_job'), writes('late_job', 'late')] })).version;
      await index.waitFor(v2);
      expect(seen.map((a) => readable(index, a))).toEqual([
        {
          since: v1,
          upTo: v2,
          nodes: ['late', 'late_job'],
          edges: [`late_job>late@${v2}..`, `shop.mart.orders_enriched>late_job@${v2}..`],
        },
      ]);

      // A full sync of the first source without `enrich` reading users ends that edge; a new description re-versions orders.
      const base = pipeline();
      const v3 = (
        await store.apply({
          ...base,
          assets: base.assets!.map((a) => (a.name === 'shop.public.orders' ? { ...a, definition: { ...a.definition, description: 'orders' } } : a)),
          edges: base.edges!.filter((e) => !(e.from.name === 'shop.public.users' && e.to.name === 'enrich')),
        })
      ).version;
      await index.waitFor(v3);
      expect(readable(index, seen[1]!)).toEqual({ since: v2, upTo: v3, nodes: ['shop.public.orders'], edges: [`shop.public.users>enrich@${v1}..${v3}`] });
      expect(seen.length).toBe(2);
    } finally {
      index.close();
    }
  });

  it('keeps catching up when a listener throws, and stops calling a listener that unsubscribed', async () => {
    const store = shared.store();
    await store.apply(pipeline());
    const index = await GraphIndex.load(store);
    try {
      const calls: number[] = [];
      index.onAdvance(() => {
        throw new Error('listener failed');
      });
      const unsubscribe = index.onAdvance((a) => calls.push(a.upTo));
      const v2 = (await store.apply({ source: 'test:x', mode: 'delta', assets: [table('x')] })).version;
      expect(await index.waitFor(v2)).toBe(v2);
      expect(calls).toEqual([v2]);
      expect(index.lastAdvanceError?.message).toBe('listener failed');
      expect(index.lastError).toBeNull();

      unsubscribe();
      const v3 = (await store.apply({ source: 'test:y', mode: 'delta', assets: [table('y')] })).version;
      await index.waitFor(v3);
      expect(calls).toEqual([v2]);
      // The graph itself is complete either way.
      expect(index.nodeAt(aid('y'), v3)).toBeDefined();
      expect(index.nodeAt(cid('enrich'), v3)).toBeDefined();
    } finally {
      index.close();
    }
  });

  it('reports a retracted node and its edges', async () => {
    const store = shared.store();
    const v1 = (await store.apply({ source: 'test:r', mode: 'delta', assets: [table('in'), table('out')], computations: [job('j')], edges: [reads('in', 'j'), writes('j', 'out')] })).version;
    const index = await GraphIndex.load(store);
    const seen: IndexAdvance[] = [];
    index.onAdvance((a) => seen.push(a));
    try {
      const v2 = (await store.apply({ source: 'test:r', mode: 'full', assets: [table('in'), table('out')] })).version;
      await index.waitFor(v2);
      const got = seen.map((a) => readable(index, a));
      expect(got).toEqual([{ since: v1, upTo: v2, nodes: ['j'], edges: [`in>j@${v1}..${v2}`, `j>out@${v1}..${v2}`] }]);
    } finally {
      index.close();
    }
  });
});
