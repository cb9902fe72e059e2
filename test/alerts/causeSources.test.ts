import { beforeEach, expect, it } from 'vitest';
import { FreshnessCauseSource } from '../../graph-model/alerts/freshnessCauseSource.js';
import { QualityCauseSource } from '../../graph-model/alerts/qualityCauseSource.js';
import { nodeId } from '../../graph-model/ids.js';
import type { Changeset, RunRecord } from '../../graph-model/model.js';
import { readFreshness } from '../../graph-model/quality/freshness.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { describeEachEngine, useStore } from '../support/engines.js';

const HIVE = 'hive://warehouse';
const ODS = { type: 'ASSET' as const, namespace: HIVE, name: 'ods.ods_card_info' };
const DWD = { type: 'ASSET' as const, namespace: HIVE, name: 'dwd.dwd_payment' };
const LOAD = { namespace: 'airflow', name: 'load_ods_card_info' };
const BUILD = { namespace: 'airflow', name: 'build_dwd_payment' };
const ids = { ods: nodeId('ASSET', HIVE, ODS.name), dwd: nodeId('ASSET', HIVE, DWD.name) };

const run = (job: { namespace: string; name: string }, endedAt: string, state: RunRecord['state'] = 'COMPLETE'): RunRecord => ({
  runId: `${job.name}-${endedAt}`,
  computation: job,
  state,
  startedAt: endedAt,
  endedAt,
  properties: {},
});

/** ods_card_info: tagged freshness=1h, last written at 03:00; dwd_payment: written every 2 h (one write failed), never declared. */
const platform: Changeset = {
  source: 'test:platform',
  mode: 'full',
  assets: [
    { namespace: HIVE, name: ODS.name, kind: 'TABLE', definition: { fields: [{ name: 'card_no' }, { name: 'kyc_level' }] } },
    { namespace: HIVE, name: DWD.name, kind: 'TABLE' },
  ],
  computations: [
    { ...LOAD, kind: 'BATCH_JOB' },
    { ...BUILD, kind: 'BATCH_JOB' },
  ],
  edges: [
    { from: { type: 'COMPUTATION', ...LOAD }, to: ODS },
    { from: ODS, to: { type: 'COMPUTATION', ...BUILD } },
    { from: { type: 'COMPUTATION', ...BUILD }, to: DWD },
  ],
  tags: [{ target: ODS, key: 'freshness', value: '1h' }],
  runs: [
    run(LOAD, '2026-11-02T02:00:00Z'),
    run(LOAD, '2026-11-02T03:00:00Z'),
    run(LOAD, '2026-11-02T04:00:00Z', 'FAIL'),
    ...['00', '02', '04', '06', '08', '10'].map((h) => run(BUILD, `2026-11-02T${h}:00:00Z`)),
    run(BUILD, '2026-11-02T11:00:00Z', 'FAIL'),
  ],
};

describeEachEngine('cause sources: quality results and freshness', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(async () => {
    store = shared.store();
    await store.apply(platform);
  });

  it('freshness: declared by a tag or learned from the writes, lateness against the last successful write', async () => {
    const at = async (now: string) => Object.fromEntries((await readFreshness(store, [ids.ods, ids.dwd], now)).map((f) => [f.nodeId === ids.ods ? 'ods' : 'dwd', f]));
    const noon = await at('2026-11-02T09:00:00Z');
    expect(noon.ods).toMatchObject({ expectedIntervalMs: 3_600_000, origin: 'TAG', lastSuccessfulWrite: '2026-11-02T03:00:00.000Z', dueAt: '2026-11-02T04:00:00.000Z', lateByMs: 5 * 3_600_000, late: true });
    // Four intervals by 09:00: too few to learn from.
    expect(noon.dwd).toMatchObject({ expectedIntervalMs: null, origin: null, lastSuccessfulWrite: '2026-11-02T08:00:00.000Z', late: false, samples: 4 });
    const later = await at('2026-11-02T13:00:00Z');
    // Five 2-hour intervals by 13:00 (the failed run at 11:00 is no write): learned, due at 12:00, 1 h past due, beyond the grace (a quarter of 2 h).
    expect(later.dwd).toMatchObject({ expectedIntervalMs: 7_200_000, origin: 'LEARNED', samples: 5, dueAt: '2026-11-02T12:00:00.000Z', lateByMs: 3_600_000, late: true });
    // Before 5 intervals are known, nothing is learned.
    expect((await at('2026-11-02T07:00:00Z')).dwd).toMatchObject({ expectedIntervalMs: null, origin: null, samples: 3, late: false });
  });

  it('FreshnessCauseSource: a LATE cause per late asset at the chosen now, cleared by the next successful write', async () => {
    const source = new FreshnessCauseSource(store);
    const causes = await source.openCauses({ now: '2026-11-02T10:00:00Z' });
    expect(causes).toEqual([
      {
        key: `late:${ids.ods}`,
        kind: 'LATE',
        node: ODS,
        fields: [],
        severity: 'HIGH',
        since: '2026-11-02T04:00:00.000Z',
        summary: '6 h late (expected every 1 h)',
        evidence: { expectedIntervalSeconds: 3600, origin: 'TAG', lastSuccessfulWrite: '2026-11-02T03:00:00.000Z', dueAt: '2026-11-02T04:00:00.000Z', lateBySeconds: 21_600, samples: 1 },
      },
    ]);
    expect(await source.openCauses({ now: '2026-11-02T04:10:00Z' })).toEqual([]); // within the grace
    expect((await source.openCauses({ now: '2026-11-02T05:00:00Z' }))[0]).toMatchObject({ severity: 'MEDIUM', summary: '1 h late (expected every 1 h)' });

    const version = await store.currentVersion();
    expect(await source.touchedSince(version + 1)).toEqual([]);
    await store.apply({ source: 'test:runs', mode: 'delta', runs: [run(LOAD, '2026-11-02T09:30:00Z')] });
    // Runs alone create no version: they are recorded at the current one, which touchedSince counts.
    expect(await store.currentVersion()).toBe(version);
    expect(await source.touchedSince(version)).toContain(ids.ods);
    expect(await source.touchedSince(version + 1)).toEqual([]);
    expect(await source.openCauses({ now: '2026-11-02T10:00:00Z' })).toEqual([]);
  });

  it('QualityCauseSource: the failing latest result of each check is an ASSERTION_FAILED cause with its field; a later pass clears it', async () => {
    const source = new QualityCauseSource(store);
    await store.recordQualityResults('dbt:payfraud', [
      { nodeId: ids.ods, field: 'kyc_level', check: 'not_null_kyc_level', observedAt: '2026-11-02T06:00:00Z', outcome: 'fail', observed: 12, message: 'Got 12 results' },
      { nodeId: ids.ods, field: 'card_no', check: 'unique_card_no', observedAt: '2026-11-02T06:00:00Z', outcome: 'warn', observed: 1 },
      { nodeId: ids.ods, check: 'row_count', observedAt: '2026-11-02T06:00:00Z', outcome: 'measured', observed: 10 },
      { nodeId: ids.dwd, check: 'probe', observedAt: '2026-11-02T06:00:00Z', outcome: 'error', message: 'timeout' },
      { nodeId: ids.ods, field: 'kyc_level', check: 'not_null_kyc_level', observedAt: '2026-11-02T08:00:00Z', outcome: 'pass', observed: 0 },
    ]);
    const at7 = await source.openCauses({ now: '2026-11-02T07:00:00Z' });
    expect(at7.map((c) => [c.key, c.severity, c.fields, c.since, c.summary]).sort()).toEqual([
      [`assertion:${ids.ods}:card_no:unique_card_no`, 'LOW', ['card_no'], '2026-11-02T06:00:00.000Z', 'check unique_card_no warned on ods.ods_card_info.card_no'],
      [`assertion:${ids.ods}:kyc_level:not_null_kyc_level`, 'HIGH', ['kyc_level'], '2026-11-02T06:00:00.000Z', 'check not_null_kyc_level failed on ods.ods_card_info.kyc_level: Got 12 results'],
    ]);
    const failed = at7.find((c) => c.severity === 'HIGH')!;
    expect(failed).toMatchObject({ kind: 'ASSERTION_FAILED', node: ODS, evidence: { check: 'not_null_kyc_level', source: 'dbt:payfraud', outcome: 'fail', observed: 12 } });
    // At 09:00 the pass of 08:00 is the latest result of not_null_kyc_level.
    expect((await source.openCauses({ now: '2026-11-02T09:00:00Z' })).map((c) => c.key)).toEqual([`assertion:${ids.ods}:card_no:unique_card_no`]);
    const version = await store.currentVersion();
    expect(await source.touchedSince(version)).toEqual([ids.ods, ids.dwd].sort());
    expect(await source.touchedSince(version + 1)).toEqual([]);
  });
});
