import type { Changeset, RunRecord } from '../../graph-model/model.js';
import { KAFKA, STREAMS } from './assets.js';
import { features } from './features.js';
import { STEPS } from './steps.js';

/**
 * The run history the demo's freshness is learned and measured from (docs/quality.md): the Flink
 * jobs that sink the Kafka streams into the ODS tables (as `demo/sql/00_ods_tables.sql` says they
 * do) commit a partition every hour, and the nightly feature pipelines load their feature at
 * 02:00. Both end when the demo's metrics end, at DEMO_NOW: at that time every asset is fresh, and
 * an hour and a quarter later an ODS table nobody writes again is late (learned interval 1 h).
 */
export const WRITER_RUNS_SOURCE = 'flink:risk-prod';
export const WRITER_RUNS_FILE = 'steps/writer-runs.json';
export const FLINK_NAMESPACE = 'flink://risk-prod';
/** The end of the demo's history (the metrics cover 2025-06-01..14): the clock at which it is fresh. */
export const DEMO_NOW = '2025-06-15T00:05:00.000Z';
const LAST_COMMIT = Date.parse('2025-06-15T00:00:00.000Z');
const HOUR = 3_600_000;
/** Hourly partition commits over the last day: 24 intervals, enough to learn one (at least 5). */
const SINK_COMMITS = 25;
/** Nightly loads over the last week. */
const NIGHTLY_LOADS = 7;

/** The ODS tables fed from a stream, and the stream (the others come from database dumps the demo does not model). */
export const ODS_SINKS: [table: string, stream: string][] = [
  ['ods.ods_payment_txn', STREAMS.payments],
  ['ods.ods_login_log', STREAMS.logins],
  ['ods.ods_withdrawal_req', STREAMS.withdrawals],
  ['ods.ods_device_log', STREAMS.devices],
];

export const sinkJobName = (table: string) => `sink_${table.replace(/^ods\./, '')}`;

const iso = (ms: number) => new Date(ms).toISOString();

function streamRef(stream: string) {
  const name = stream.slice(KAFKA.length + 1);
  return { type: 'ASSET' as const, namespace: KAFKA, name };
}

/** The writers' changeset: the sink jobs with their reads and writes, and every writer's runs. */
export function writerRuns(): Changeset {
  const runs: RunRecord[] = [];
  for (const [table] of ODS_SINKS) {
    for (let i = 0; i < SINK_COMMITS; i++) {
      const end = LAST_COMMIT - (SINK_COMMITS - 1 - i) * HOUR;
      runs.push({ runId: `${sinkJobName(table)}-${iso(end)}`, computation: { namespace: FLINK_NAMESPACE, name: sinkJobName(table) }, state: 'COMPLETE', startedAt: iso(end - 5 * 60_000), endedAt: iso(end) });
    }
  }
  const nightly = features(STEPS.length).filter((f) => f.freshness === '1d' && f.sql !== undefined);
  for (const f of nightly) {
    for (let d = NIGHTLY_LOADS; d >= 1; d--) {
      const end = LAST_COMMIT - d * 24 * HOUR + 2 * HOUR;
      runs.push({ runId: `${f.name}-${iso(end)}`, computation: { namespace: 'risk.features', name: `${f.name}.pipeline` }, state: 'COMPLETE', startedAt: iso(end - 20 * 60_000), endedAt: iso(end) });
    }
  }
  return {
    source: WRITER_RUNS_SOURCE,
    mode: 'full',
    computations: ODS_SINKS.map(([table]) => ({ namespace: FLINK_NAMESPACE, name: sinkJobName(table), kind: 'STREAM_JOB', definition: { description: `Flink job sinking the stream into ${table}, one partition an hour.` } })),
    edges: ODS_SINKS.flatMap(([table, stream]) => [
      { from: streamRef(stream), to: { type: 'COMPUTATION' as const, namespace: FLINK_NAMESPACE, name: sinkJobName(table) } },
      { from: { type: 'COMPUTATION' as const, namespace: FLINK_NAMESPACE, name: sinkJobName(table) }, to: { type: 'ASSET' as const, namespace: 'hive://warehouse', name: table } },
    ]),
    runs,
  };
}
