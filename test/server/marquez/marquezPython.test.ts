import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeProcess } from '../../support/dctxServe.js';
import { DAILY_JOB, JOBS, JOIN_JOB, RUN_FAILED, RUN_JOINED, WAREHOUSE, postEvents } from './marquezService.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The venv .ci/run installs test/python/requirements.txt into (pip install -r), marquez-python among them. */
const PYTHON = path.join(ROOT, '.cache/pytools/venv/bin/python');
const SCRIPT = path.join(ROOT, 'test/python/marquez_client_check.py');

function clientMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is missing`;
  const lib = path.join(ROOT, '.cache/pytools/venv/lib');
  const installed = readdirSync(lib).some((python) => existsSync(path.join(lib, python, 'site-packages/marquez_client')));
  return installed ? null : 'marquez-python is not installed in .cache/pytools/venv';
}

const TITLE = 'Marquez\'s Python client (marquez-python) reading from dctx serve';
const missing = clientMissing();
if (missing !== null && process.env.CI !== 'true') console.warn(`skipping "${TITLE}": ${missing} (bash .ci/run installs it from test/python/requirements.txt)`);

(missing === null || process.env.CI === 'true' ? describe : describe.skip)(TITLE, () => {
  let serve: ServeProcess;
  let dataDir: string;
  beforeAll(async () => {
    // With CI=true a missing client fails the suite: a green CI that never ran the client would hide it.
    if (missing !== null) throw new Error(`${missing}: CI must run the marquez-python test (bash .ci/run installs it)`);
    dataDir = mkdtempSync(path.join(tmpdir(), 'dctx-marquez-'));
    // The embedded store (an empty DATABASE_URL) in a fresh directory, on a free port.
    serve = await startServe('', { DCTX_DATA_DIR: dataDir, DCTX_YOUNG_GENERATION_MIB: '0' });
    await postEvents(serve.base);
  }, 120_000);
  afterAll(async () => {
    await serve?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists namespaces, datasets, versions, jobs, runs, lineage and search as the events say', async () => {
    const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, serve.base], { timeout: 60_000 });
    const seen = JSON.parse(stdout);
    expect(seen).toEqual({
      namespaces: [JOBS, WAREHOUSE],
      namespace: WAREHOUSE,
      datasets: ['dwd.dwd_txn_card', 'dws.dws_card_daily', 'ods.ods_card_info', 'ods.ods_txn'],
      cardFields: [['card_id', 'string'], ['user_id', 'string'], ['card_type', 'string']],
      cardDescription: 'Cards as issued',
      txnVersionFields: [['txn_id', 'card_id', 'amount', 'currency'], ['txn_id', 'card_id', 'amount']],
      txnCurrentIsNewest: true,
      txnOldestByVersion: ['txn_id', 'card_id', 'amount'],
      jobs: [JOIN_JOB, DAILY_JOB],
      jobInputs: ['ods.ods_card_info', 'ods.ods_txn'],
      jobOutputs: ['dwd.dwd_txn_card'],
      jobLatestRunState: 'FAILED',
      jobSql: 'INSERT OVERWRITE TABLE dwd.dwd_txn_card SELECT t.txn_id, c.card_type, t.amount FROM ods.ods_txn t JOIN ods.ods_card_info c ON t.card_id = c.card_id',
      // 02:00:00 to 02:00:45 failed; 02:00:00 to 02:04:10 completed (the events' times).
      runs: [[RUN_FAILED, 'FAILED', 45_000], [RUN_JOINED, 'COMPLETED', 250_000]],
      failedError: 'Table not found: ods.ods_txn_partition',
      columnLineage: [
        `datasetField:${WAREHOUSE}:dwd.dwd_txn_card:amount`,
        `datasetField:${WAREHOUSE}:dwd.dwd_txn_card:card_type`,
        `datasetField:${WAREHOUSE}:dws.dws_card_daily:total_amount`,
        `datasetField:${WAREHOUSE}:ods.ods_card_info:card_type`,
        `datasetField:${WAREHOUSE}:ods.ods_txn:amount`,
      ],
      lineage: [
        `dataset:${WAREHOUSE}:dwd.dwd_txn_card`,
        `dataset:${WAREHOUSE}:dws.dws_card_daily`,
        `dataset:${WAREHOUSE}:ods.ods_card_info`,
        `dataset:${WAREHOUSE}:ods.ods_txn`,
        `job:${JOBS}:${JOIN_JOB}`,
        `job:${JOBS}:${DAILY_JOB}`,
      ].sort(),
      search: [`job:${JOBS}:${JOIN_JOB}`, `job:${JOBS}:${DAILY_JOB}`],
      // Marquez's writes are not served: the client sees the 501 as its APIError.
      createNamespace: 'APIError: 501',
    });
  }, 120_000);
});
