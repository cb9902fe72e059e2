import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, expect, it } from 'vitest';
import { nodeId } from '../../../graph-model/ids.js';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { ingestEvents, openLineageIngestor } from '../../../ingestors/openlineage/index.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { describeEachEngine, useStore } from '../../support/engines.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/quality/${name}`, import.meta.url));
const EVENTS = fixture('dbt_ol_test_events.json');
const EXPECTED = JSON.parse(readFileSync(fixture('dbt_ol_test_events.expected.json'), 'utf8')) as unknown[];
const ORDERS = nodeId('ASSET', 'postgres://warehouse:5432', 'shop.analytics.orders');
const RUN_ID = '0192f1a0-7c3e-7d2a-9b10-5e6f7a8b9c0d';

const byFieldAndCheck = (a: unknown[], b: unknown[]) => (`${a[0]}\u0000${a[1]}` < `${b[0]}\u0000${b[1]}` ? -1 : 1);

describeEachEngine('OpenLineage dataQualityAssertions and dataQualityMetrics as quality results', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  const stored = async () => {
    const results = await store.qualityResults(ORDERS);
    return results.map((r) => [r.field, r.check, r.outcome, r.observed]).sort(byFieldAndCheck);
  };

  it('from a file: each assertion a pass, fail or warn, each metric a measured value, at the event time with its run', async () => {
    const report = await runIngestor(store, openLineageIngestor, EVENTS);
    expect(report.errors).toEqual([]);
    expect(report.quality).toEqual({ inserted: EXPECTED.length, updated: 0, unchanged: 0 });
    expect(await stored()).toEqual(EXPECTED);
    const results = await store.qualityResults(ORDERS);
    expect(new Set(results.map((r) => `${r.source} ${r.observedAt} ${r.runId}`))).toEqual(new Set([`openlineage 2026-11-02T06:00:02.500Z ${RUN_ID}`]));
  });

  it('over HTTP (ingestEvents): the same results, and sending the event again records nothing new', async () => {
    const events = JSON.parse(readFileSync(EVENTS, 'utf8')) as unknown[];
    expect((await ingestEvents(store, events)).status).toBe('applied');
    expect(await stored()).toEqual(EXPECTED);
    const before = await store.qualityTouched(0);
    expect(before).toEqual([ORDERS]);
    await ingestEvents(store, events);
    expect((await store.qualityResults(ORDERS)).length).toBe(EXPECTED.length);
  });
});
