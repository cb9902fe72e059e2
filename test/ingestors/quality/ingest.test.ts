import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { qualityIngestor } from '../../../ingestors/quality/index.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { exitCodeOf } from '../../../server/commands/ingestSummary.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { ids, metricsGraph } from '../metrics/metricsGraph.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/quality/', import.meta.url));
const NAMES: Record<string, string> = { [ids.orders]: 'risk.orders', [ids.userFeatures]: 'risk.user_features' };

describeEachEngine('quality ingestor (own CSV/JSON format)', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  const ingest = (file: string, source?: string) => runIngestor(store, qualityIngestor(), { path: join(FIXTURES, file), ...(source ? { source } : {}) });
  const stored = async () =>
    (await Promise.all([ids.orders, ids.userFeatures].map((id) => store.qualityResults(id)))).flat().map((r) => ({
      node: NAMES[r.nodeId],
      field: r.field,
      check: r.check,
      observedAt: r.observedAt,
      outcome: r.outcome,
      observed: r.observed,
      expected: r.expected,
      message: r.message,
      runId: r.runId,
    }));

  beforeEach(async () => {
    store = shared.store();
    await store.apply(metricsGraph);
  });

  it('records the CSV fixture as its expected file says, without creating a graph version', async () => {
    const report = await ingest('checks.csv');
    expect(report.errors).toEqual([]);
    expect(report.source).toBe('quality:checks.csv');
    expect(report.quality).toEqual({ inserted: 4, updated: 0, unchanged: 0 });
    expect(report.versions).toEqual([]);
    expect(await stored()).toEqual(JSON.parse(await readFile(join(FIXTURES, 'checks.expected.json'), 'utf8')));
    expect((await store.qualityResults(ids.orders))[0]!.source).toBe('quality:checks.csv');
  });

  it('is idempotent: the same file again records nothing new', async () => {
    await ingest('checks.csv');
    const again = await ingest('checks.csv');
    expect(again.errors).toEqual([]);
    expect(again.quality).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
    expect(await stored()).toHaveLength(4);
  });

  it('reads the JSON form with the source given, keeping JSON values and reading outcomes in any case', async () => {
    const report = await ingest('checks.json', 'great_expectations');
    expect(report.errors).toEqual([]);
    expect(report.source).toBe('quality:great_expectations');
    const rows = await store.qualityResults(ids.orders);
    expect(rows.map((r) => [r.field, r.check, r.outcome, r.observed, r.expected, r.message])).toEqual([
      ['', 'freshness_probe', 'error', null, null, 'timeout after 30 s'],
      ['user_phone', 'phone_format', 'fail', { bad: 3, examples: ['+86-1', 'n/a'] }, 'E.164', '3 phone numbers are not E.164'],
    ]);
  });

  it('refuses a file with a bad row whole, naming line, column and field of each problem, and records the errors', async () => {
    const path = join(FIXTURES, 'bad_checks.csv');
    const report = await ingest('bad_checks.csv');
    expect(report.errors.map((e) => [e.location, e.message.split(':')[0]])).toEqual([
      [`${path}:3:89`, 'outcome'],
      [`${path}:3:72`, 'time'],
      [`${path}:4:45`, 'asset postgres'],
      [`${path}:5:1`, 'asset postgres'],
    ]);
    expect(report.errors[2]!.message).toContain('has no field "no_such_field"');
    expect(report.errors[3]!.message).toContain('risk.nothing is not in the graph');
    expect(exitCodeOf(report)).toBe(1);
    // Not even the good first row is recorded.
    expect(await stored()).toEqual([]);
    expect((await store.ingestErrors({ source: 'quality:bad_checks.csv' })).length).toBe(4);
  });

  it('refuses unknown columns and JSON keys rather than ignoring them', async () => {
    const csv = await runIngestor(store, qualityIngestor(), { path: join(FIXTURES, 'checks.csv') });
    expect(csv.errors).toEqual([]);
    const dir = await import('node:fs/promises').then((fs) => fs.mkdtemp(join(process.env.TMPDIR ?? '/tmp', 'dctx-quality-')));
    const bad = join(dir, 'typo.json');
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(bad, JSON.stringify([{ target: 'asset:postgres://warehouse:5432/risk.orders', check: 'c', time: '2026-11-03T00:00:00Z', outcom: 'pass' }])),
    );
    const report = await runIngestor(store, qualityIngestor(), { path: bad });
    expect(report.errors.map((e) => e.location)).toEqual([`${bad}#/0/outcom`, `${bad}#/0/outcome`]);
    expect(report.errors[1]!.message).toMatch(/^outcome: required/);
  });
});
