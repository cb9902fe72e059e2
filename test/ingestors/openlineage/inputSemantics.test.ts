import { beforeEach, expect, it } from 'vitest';
import { impactOf } from '../../../graph-model/analyses/impact.js';
import { nodeId } from '../../../graph-model/ids.js';
import { GraphIndex } from '../../../graph-model/index/graphIndex.js';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { ingestEvents } from '../../../ingestors/openlineage/index.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { JOBS_NS, PRODUCER, WAREHOUSE, dataset, runEvent } from './olEvents.js';

const semantics = (required: boolean) => ({ inputSemantics: { _producer: PRODUCER, _schemaURL: 'https://example.com/InputSemanticsFacet.json', required } });

describeEachEngine('the inputSemantics input facet', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('is stored on the job, and makes an optional input degrade the job instead of breaking it', async () => {
    const event = runEvent({
      runId: '0190f0a0-0000-7000-8000-000000000001',
      eventType: 'COMPLETE',
      eventTime: '2026-03-01T08:00:00Z',
      inputs: [dataset('public.orders'), { ...dataset('public.fx_rates'), inputFacets: semantics(false) }],
      outputs: [dataset('public.scores')],
    });
    const result = await ingestEvents(store, [event]);
    expect(result.status).toBe('applied');
    const job = nodeId('COMPUTATION', JOBS_NS, 'score_features');
    expect((await store.node(job))?.definition.properties?.inputSemantics).toEqual({ optional: [{ namespace: WAREHOUSE, name: 'public.fx_rates' }] });

    const index = await GraphIndex.load(store);
    try {
      const asset = (name: string) => nodeId('ASSET', WAREHOUSE, name);
      const withoutRates = impactOf(index, { mode: 'CUTOFF', ids: [asset('public.fx_rates')] });
      expect(withoutRates.broken).toEqual([]);
      expect(withoutRates.degraded.map((n) => [n.name, n.reason, n.inputSemantics])).toEqual([
        ['score_features', 'READS_OPTIONAL_BROKEN', 'OPTIONAL'],
        ['public.scores', 'PRODUCER_DEGRADED', null],
      ]);
      const withoutOrders = impactOf(index, { mode: 'CUTOFF', ids: [asset('public.orders')] });
      expect(withoutOrders.broken.map((n) => [n.name, n.reason])).toEqual([
        ['score_features', 'READS_REMOVED'],
        ['public.scores', 'ALL_PRODUCERS_BROKEN'],
      ]);
    } finally {
      index.close();
    }
  });
});
