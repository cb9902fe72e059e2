import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costAttribution } from '../../graph-model/analyses/costAttribution.js';
import { nodeId } from '../../graph-model/ids.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { checkBaselineAgreement, checkCostConservation, generatorFingerprint } from '../../bench/scale/correctnessChecks.js';
import { loadPlatform, type LoadReport } from '../../bench/scale/loadPlatform.js';
import { buildJobIo } from '../../bench/scale/marquezBaseline.js';
import { hubRef } from '../../bench/scale/platformNames.js';
import { METRIC_WINDOW } from '../../bench/scale/platformMetrics.js';
import { platformShape } from '../../bench/scale/platformShape.js';
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../support/engines.js';

/**
 * The small scale benchmark's correctness checks, without its timings: CI runs them on every push
 * so the harness cannot silently measure something wrong (a baseline answering a different
 * question, cost leaking out of the attribution, a generator that changes between runs).
 */
const shape = platformShape('small');
const hub = hubRef(shape);
const hubId = nodeId('ASSET', hub.namespace, hub.name);

describe('synthetic platform generator', () => {
  it('is deterministic for a seed and differs for another', () => {
    const first = generatorFingerprint(shape);
    expect(generatorFingerprint(shape)).toEqual(first);
    expect(generatorFingerprint(platformShape('small', shape.seed + 1)).sha256).not.toBe(first.sha256);
    expect(first.nodes).toBeGreaterThan(shape.assets);
    expect(first.edges).toBeGreaterThan(5 * shape.assets);
  });
});

describeEachEngine('small scale benchmark checks', (engine) => {
  let database: TestDatabase;
  let store: GraphStore;
  let index: GraphIndex;
  let load: LoadReport;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    store = await database.open();
    load = await loadPlatform(store, shape);
    index = await GraphIndex.load(store);
  }, 120_000);
  afterAll(async () => {
    index?.close();
    await database?.dispose();
  });

  it('loads every generated node and edge, then later changesets with history', () => {
    const generated = generatorFingerprint(shape);
    expect(load.nodes).toBe(generated.nodes);
    expect(load.edges).toBe(generated.edges);
    expect(load.history.map((h) => h.version)).toEqual([load.loadedVersion + 1, load.loadedVersion + 2, load.loadedVersion + 3]);
    for (const step of load.history) expect(step.edgesRemoved).toBeGreaterThan(0);
    expect(index.version).toBe(load.latestVersion);
  });

  it('agrees with the Marquez-style baseline downstream of the hub, latest and at the old version', async () => {
    for (const version of [load.latestVersion, load.loadedVersion]) {
      await buildJobIo(store.db, version);
      for (const depth of [1, 2, 3, 4, 10]) {
        const agreement = await checkBaselineAgreement(index, store.db, hubId, depth, version);
        expect(agreement.nodes).toBeGreaterThan(0);
      }
    }
  });

  it('conserves cost over the whole platform', async () => {
    const compute = await store.metricTotals({ metric: 'cost.compute', ...METRIC_WINDOW });
    const storage = await store.metricTotals({ metric: 'cost.storage', ...METRIC_WINDOW });
    const cost = new Map(compute);
    for (const [id, value] of storage) cost.set(id, (cost.get(id) ?? 0) + value);
    const report = costAttribution(index, { cost, split: 'EQUAL' });
    expect(checkCostConservation(report, cost).relativeError).toBeLessThan(1e-9);
    expect(report.attributed.length).toBeGreaterThan(0);
  });
});
