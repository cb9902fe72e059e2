import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { sqlIngestor } from '../../../ingestors/sql/index.js';
import { recognizeRemoteImport } from '../../../ingestors/sql/remoteImports.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { FIXTURES, WAREHOUSE, readSql } from './lineageFixtures.js';

/** The source an IMPORT reads, as `namespace name kind`. */
const source = (sql: string): string | undefined => {
  const found = recognizeRemoteImport(sql);
  return found && 'source' in found ? `${found.source.namespace} ${found.source.name} ${found.source.kind}` : undefined;
};

describe('Exasol IMPORT from another database (remoteImports.ts)', () => {
  it('names the table as OpenLineage names a database table, or by its named connection', () => {
    expect(source("IMPORT INTO t FROM JDBC AT 'jdbc:mysql://Crm:3307/shop' TABLE Orders")).toBe('mysql://crm:3307 shop.orders TABLE');
    expect(source("IMPORT INTO t FROM JDBC DRIVER = 'MariaDB' AT 'jdbc:mariadb://crm/shop' TABLE other.orders")).toBe('mysql://crm:3306 other.orders TABLE');
    expect(source("IMPORT INTO t FROM JDBC AT 'jdbc:postgresql://pg:6432/risk' TABLE s.limits")).toBe('postgres://pg:6432 risk.s.limits TABLE');
    expect(source("IMPORT INTO t FROM JDBC AT 'jdbc:sqlserver://ms;databaseName=Core' TABLE acc")).toBe('mssql://ms:1433 core.dbo.acc TABLE');
    expect(source("IMPORT INTO t FROM JDBC AT 'jdbc:oracle:thin:@ora:1522/SVC' TABLE l.acc")).toBe('oracle://ora:1522 svc.l.acc TABLE');
    expect(source("IMPORT INTO t FROM ORA AT 'ora/SVC' USER 'u' IDENTIFIED BY 'p' TABLE l.acc")).toBe('oracle://ora:1521 svc.l.acc TABLE');
    expect(source("IMPORT INTO t FROM EXA AT '10.0.0.1..3:8564' TABLE r.e")).toBe('exasol://10.0.0.1..3:8564 r.e TABLE');
    expect(source('IMPORT INTO t (a, b) FROM EXA AT Exa_Prod TABLE r.e (a, b)')).toBe('exasol-connection://exa_prod r.e TABLE');
  });

  it('names the tables of a STATEMENT as a TABLE would be named', () => {
    const found = recognizeRemoteImport("IMPORT INTO t FROM JDBC AT 'jdbc:postgresql://pg/risk' STATEMENT 'SELECT a FROM s.x' STATEMENT 'SELECT b FROM y'");
    expect(found).toMatchObject({ target: 't', statement: 'SELECT a FROM s.x' });
    expect(found && 'locate' in found ? [found.locate('s.x'), found.locate('y')] : []).toEqual([
      { namespace: 'postgres://pg:5432', name: 'risk.s.x', kind: 'TABLE' },
      { namespace: 'postgres://pg:5432', name: 'risk.public.y', kind: 'TABLE' },
    ]);
  });

  it('leaves a file IMPORT and an address naming no host alone', () => {
    expect(recognizeRemoteImport("IMPORT INTO t FROM CSV AT 'https://h/x' FILE 'a.csv'")).toBeUndefined();
    expect(recognizeRemoteImport("IMPORT INTO t FROM ORA AT '(DESCRIPTION=(ADDRESS=(HOST=h)))' TABLE a.b")).toBeUndefined();
  });
});

describeEachEngine('sql ingestor: Exasol IMPORT from another database', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  beforeEach(() => {
    store = shared.store();
  });

  it('puts each source table in its database namespace, and stores them', async () => {
    const input = { path: path.join(FIXTURES, 'exasol', 'remote.sql'), dialect: 'exasol', namespace: WAREHOUSE };
    const { changeset } = await readSql(input, { store });
    const outside = (changeset.assets ?? []).filter((a) => a.namespace !== WAREHOUSE).map((a) => `${a.kind} ${a.namespace} ${a.name}`).sort();
    expect(outside).toEqual([
      'TABLE exasol-connection://exa_prod risk.events',
      'TABLE exasol-connection://exa_prod risk.scores',
      'TABLE mysql://crm-db:3306 crm.customers',
      'TABLE oracle://ora-core:1521 core.ledger.accounts',
      'TABLE postgres://pg-risk:5432 risk.public.limits',
    ]);
    expect(JSON.stringify(changeset)).not.toMatch(/tf\.[0-9a-f]{6}/);
    expect((await runIngestor(store, sqlIngestor, input)).versions).toEqual([1]);
    expect((await runIngestor(store, sqlIngestor, input)).versions).toEqual([]);
  });
});
