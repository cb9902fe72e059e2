import { afterEach, beforeEach, expect, it } from 'vitest';
import { AlertEngine } from '../../graph-model/alerts/alertEngine.js';
import { FreshnessCauseSource } from '../../graph-model/alerts/freshnessCauseSource.js';
import { readAlerts } from '../../graph-model/alerts/operations/readAlerts.js';
import { nodeId } from '../../graph-model/ids.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { Changeset, RunRecord } from '../../graph-model/model.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { describeEachEngine, useStore } from '../support/engines.js';

const HIVE = 'hive://warehouse';
const ODS = { type: 'ASSET' as const, namespace: HIVE, name: 'ods.ods_card_info' };
const DWD = { type: 'ASSET' as const, namespace: HIVE, name: 'dwd.dwd_payment' };
const LOAD = { type: 'COMPUTATION' as const, namespace: 'airflow', name: 'load_ods_card_info' };
const BUILD = { type: 'COMPUTATION' as const, namespace: 'airflow', name: 'build_dwd_payment' };
const NOW = '2026-11-02T09:00:00.000Z';

const run = (job: { namespace: string; name: string }, endedAt: string): RunRecord => ({ runId: `${job.name}-${endedAt}`, computation: { namespace: job.namespace, name: job.name }, state: 'COMPLETE', startedAt: endedAt, endedAt, properties: {} });

/** ods_card_info, tagged freshness=1h, last written at 03:00 (6 h late at 09:00 with the grace), read by the job building dwd_payment. */
const platform = (withWriter: boolean): Changeset => ({
  source: 'test:platform',
  mode: 'full',
  assets: [
    { namespace: HIVE, name: ODS.name, kind: 'TABLE' },
    { namespace: HIVE, name: DWD.name, kind: 'TABLE' },
  ],
  computations: [
    { namespace: LOAD.namespace, name: LOAD.name, kind: 'BATCH_JOB' },
    { namespace: BUILD.namespace, name: BUILD.name, kind: 'BATCH_JOB' },
  ],
  edges: [...(withWriter ? [{ from: LOAD, to: ODS }] : []), { from: ODS, to: BUILD }, { from: BUILD, to: DWD }],
  tags: [{ target: ODS, key: 'freshness', value: '1h' }],
  runs: [run(LOAD, '2026-11-02T02:00:00Z'), run(LOAD, '2026-11-02T03:00:00Z')],
});

describeEachEngine('freshness alerts follow the graph index, not the version tables', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  let index: GraphIndex;
  let freshness: FreshnessCauseSource;
  let alerts: AlertEngine;
  /** Commits a changeset and waits for the evaluation that follows the index to it. */
  const commit = async (changeset: Changeset) => {
    const { version } = await store.apply(changeset);
    await index.waitFor(version);
    await alerts.settled();
    expect(alerts.lastStats!.version).toBe(version);
    return alerts.lastStats!;
  };
  beforeEach(async () => {
    store = shared.store();
    await store.apply(platform(true));
    index = await GraphIndex.load(store);
    freshness = new FreshnessCauseSource(store);
    alerts = await AlertEngine.start({ db: store.db, graph: index, sources: [freshness], intervalMs: 0, now: () => NOW });
  });
  afterEach(() => {
    alerts.close();
    index.close();
  });

  it('leaves the late table\'s alert alone after a changeset outside its reach, re-reading only the touched asset', async () => {
    const [opened, ...others] = await readAlerts(store.db, { status: 'OPEN' });
    expect(others).toEqual([]);
    expect(opened).toMatchObject({ revision: 1, state: { rootKey: `late:${nodeId('ASSET', HIVE, ODS.name)}` } });
    expect(opened!.state.reached.map((r) => r.name).sort()).toEqual([BUILD.name, DWD.name]);

    // Runs count from the version they were read at (a changeset of runs alone makes no version):
    // the first evaluation after start re-reads the writer of the runs recorded at that version.
    const first = await commit({ source: 'test:elsewhere', mode: 'delta', assets: [{ namespace: HIVE, name: 'elsewhere.t0', kind: 'TABLE' }] });
    expect(first.revisions).toBe(0);
    const stats = await commit({ source: 'test:elsewhere', mode: 'delta', assets: [{ namespace: HIVE, name: 'elsewhere.t1', kind: 'TABLE' }] });
    expect(stats).toMatchObject({ touchedNodes: 1, recomputedCauses: 0, rebuiltAlerts: 0, revisions: 0 });
    // The one new node is all the freshness source re-read, and it asked no version table for it.
    expect(freshness.lastRefresh).toEqual({ reread: 1, versionTablesRead: false });
    const [after] = await readAlerts(store.db, { status: 'OPEN' });
    expect(after).toEqual(opened);
  });

  it('updates the alert when a changeset adds a reader of a reached table', async () => {
    const report = { type: 'COMPUTATION' as const, namespace: 'airflow', name: 'report' };
    const stats = await commit({
      source: 'test:report',
      mode: 'full',
      assets: [{ namespace: HIVE, name: 'mart.report', kind: 'TABLE' }],
      computations: [{ namespace: report.namespace, name: report.name, kind: 'BATCH_JOB' }],
      edges: [{ from: DWD, to: report }, { from: report, to: { type: 'ASSET', namespace: HIVE, name: 'mart.report' } }],
    });
    expect(stats).toMatchObject({ recomputedCauses: 1, revisions: 1 });
    const [alert] = await readAlerts(store.db, { status: 'OPEN' });
    expect(alert!.revision).toBe(2);
    expect(alert!.state.reached.map((r) => r.name).sort()).toEqual([BUILD.name, DWD.name, 'mart.report', report.name]);
  });

  it('resolves the alert when a changeset ends the late table\'s only writer (no run recorded: the graph alone says so)', async () => {
    await commit(platform(false));
    expect(freshness.lastRefresh!.versionTablesRead).toBe(false);
    expect(await readAlerts(store.db, { status: 'OPEN' })).toEqual([]);
    const [resolved] = await readAlerts(store.db, { status: 'RESOLVED' });
    expect(resolved).toMatchObject({ revision: 2, status: 'RESOLVED' });
  });
});
