import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { sqlIngestor } from '../../../ingestors/sql/index.js';
import { describeEachEngine, useStore } from '../../support/engines.js';

const NAMESPACE = 'hive://warehouse';
const LONG_COLUMN = `c${'x'.repeat(600)}`;

/**
 * Good statements around statements that each used to fail the whole ingest: one nested deeply
 * enough to overflow the AST reader's stack (the error escaped the run: exit 1, nothing committed),
 * one that overflows the parser's, a NUL in a string literal (the database refused the run's one
 * changeset, reported as "current transaction is aborted"), a column name no index can hold.
 */
const SCRIPT = [
  'INSERT INTO dw.good_before SELECT a FROM ods.src;',
  `INSERT INTO dw.deep_chain SELECT ${Array(20_000).fill('a').join(' + ')} AS x FROM ods.src;`,
  `INSERT INTO dw.deep_parens SELECT ${'('.repeat(2_000)}a${')'.repeat(2_000)} AS x FROM ods.src;`,
  "INSERT INTO dw.with_nul\nSELECT 'a\u0000b' AS x FROM ods.src;",
  `INSERT INTO dw.long_column SELECT ${LONG_COLUMN} FROM ods.src;`,
  'INSERT INTO dw.good_after SELECT b FROM ods.src;',
].join('\n');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dctx-sql-'));
  await writeFile(path.join(dir, 'etl.sql'), SCRIPT);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describeEachEngine('sql ingestor: a bad statement costs only itself', (engine) => {
  const shared = useStore(engine);

  it('commits the good statements around pathological ones, each bad one an ingest error at its file, line and column', { timeout: 120_000 }, async () => {
    const store = shared.store();
    const report = await runIngestor(store, sqlIngestor, { path: path.join(dir, 'etl.sql'), dialect: 'hive', namespace: NAMESPACE });
    expect(report.errors).toEqual([
      { location: 'etl.sql:2:1', message: 'the statement nests too deeply to analyse (the parser ran out of stack); it is left out' },
      { location: 'etl.sql:3:1', message: 'the statement nests too deeply to analyse (the parser ran out of stack); it is left out' },
      { location: 'etl.sql:5:10', message: 'the statement holds a NUL character (U+0000), which the store cannot hold; it is left out' },
      { location: 'etl.sql:6:1', message: expect.stringMatching(/^the column name "cxxx.*" is 601 bytes long; at most 512 bytes \(UTF-8\) are allowed; the statement is left out$/) },
    ]);
    expect(report.versions).toEqual([1]);
    for (const table of ['dw.good_before', 'dw.good_after', 'ods.src']) expect(await store.nodeByName('ASSET', NAMESPACE, table), table).not.toBeNull();
    for (const table of ['dw.deep_chain', 'dw.deep_parens', 'dw.with_nul', 'dw.long_column']) expect(await store.nodeByName('ASSET', NAMESPACE, table), table).toBeNull();
    expect((await store.ingestErrors({ source: report.source })).map((e) => e.location).sort()).toEqual(['etl.sql:2:1', 'etl.sql:3:1', 'etl.sql:5:10', 'etl.sql:6:1']);
  });
});
