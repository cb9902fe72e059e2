import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Changeset } from '../../../graph-model/model.js';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import type { IngestBatch } from '../../../ingestors/contract.js';
import { postgresCatalogIngestor, type PostgresCatalogInput } from '../../../ingestors/postgres/index.js';
import { runIngestor } from '../../../ingestors/runIngestor.js';
import { describeEachEngine, useStore } from '../../support/engines.js';
import { CATALOG_SQL, createCatalogDatabase } from './catalogFixture.js';

type CatalogDatabase = Awaited<ReturnType<typeof createCatalogDatabase>>;

async function readOnce(input: PostgresCatalogInput, store: GraphStore, progress?: (done: number, total: number) => void): Promise<IngestBatch> {
  const batches: IngestBatch[] = [];
  for await (const batch of postgresCatalogIngestor.read(input, { store, ...(progress ? { progress } : {}) })) batches.push(batch);
  expect(batches).toHaveLength(1);
  return batches[0]!;
}

/** `reads x` / `writes y` for one computation, with names relative to the database. */
function edgesOf(changeset: Changeset, computation: string, db: string): string[] {
  const short = (name: string) => name.slice(db.length + 1);
  return (changeset.edges ?? [])
    .flatMap((e) => {
      if (e.to.type === 'COMPUTATION' && e.to.name === computation) return [`reads ${short(e.from.name)}`];
      if (e.from.type === 'COMPUTATION' && e.from.name === computation) return [`writes ${short(e.to.name)}`];
      return [];
    })
    .sort();
}

function fieldEdgesOf(changeset: Changeset, computation: string, db: string): string[] {
  const short = (name: string) => name.slice(db.length + 1);
  return (changeset.fieldEdges ?? [])
    .filter((f) => f.computation.name === computation)
    .map((f) => `${short(f.input.name)}.${f.input.field || '*'} -> ${short(f.output.name)}.${f.output.field || '*'} ${f.transformation.type}/${f.transformation.subtype}${f.transformation.masking ? '/masked' : ''}`)
    .sort();
}

describe.skipIf(!process.env.DATABASE_URL)('postgres catalog ingestor', () => {
  let catalog: CatalogDatabase;
  beforeAll(async () => {
    catalog = await createCatalogDatabase();
  });
  afterAll(async () => catalog?.dispose());
  beforeEach(async () => {
    await catalog.query(CATALOG_SQL);
  });

  /** Identity of the catalog database, as the ingestor should name it. */
  const target = () => {
    const url = new URL(catalog.url);
    return { db: url.pathname.slice(1), ns: `postgres://${url.hostname}:${url.port || 5432}`, password: decodeURIComponent(url.password) };
  };

  /** What PostgreSQL's dependency catalog says a view's query reads, asked independently of the ingestor. */
  async function dependenciesOf(view: string): Promise<string[]> {
    const { rows } = await catalog.query(
      `SELECT DISTINCT d.refobjid::regclass::text AS name FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
        WHERE d.classid = 'pg_rewrite'::regclass AND r.ev_class = $1::regclass AND d.refobjid <> r.ev_class ORDER BY 1`,
      [view],
    );
    return rows.map((row: { name: string }) => row.name);
  }

  async function viewDefinition(view: string): Promise<string> {
    await catalog.query('BEGIN');
    await catalog.query(`SELECT set_config('search_path', 'pg_catalog', true)`);
    const { rows } = await catalog.query('SELECT pg_get_viewdef($1::regclass, true) AS text', [view]);
    await catalog.query('COMMIT');
    return rows[0].text as string;
  }

  describeEachEngine('into the store', (engine) => {
    const shared = useStore(engine);
    let store: GraphStore;
    beforeEach(() => {
      store = shared.store();
    });

    it('asserts every table, partitioned and foreign table, view and materialized view, named as OpenLineage names them', async () => {
      const { db, ns } = target();
      const progress: [number, number][] = [];
      const { changeset } = await readOnce({ url: catalog.url }, store, (done, total) => progress.push([done, total]));
      // Progress counts relations, one call each.
      expect(progress).toEqual(Array.from({ length: 10 }, (_, i) => [i + 1, 10]));
      expect(changeset.source).toBe(`postgres:${ns.slice('postgres://'.length)}/${db}`);
      expect(changeset.mode).toBe('full');
      expect(new Set(changeset.assets!.map((a) => a.namespace))).toEqual(new Set([ns]));
      expect(changeset.assets!.map((a) => [a.name.slice(db.length + 1), a.kind, a.definition?.properties?.relkind]).sort()).toEqual(
        [
          ['other.audit_log', 'TABLE', 'r'],
          ['other.customer_scores', 'VIEW', 'v'],
          ['other.remote_scores', 'TABLE', 'f'],
          ['shop.customer_totals', 'VIEW', 'm'],
          ['shop.customers', 'TABLE', 'r'],
          ['shop.events', 'TABLE', 'p'],
          ['shop.events_2024', 'TABLE', 'r'],
          ['shop.open_orders', 'VIEW', 'v'],
          ['shop.order_details', 'VIEW', 'v'],
          ['shop.orders', 'TABLE', 'r'],
        ].sort(),
      );
      expect(changeset.assets!.find((a) => a.name === `${db}.shop.customers`)).toEqual({
        namespace: ns,
        name: `${db}.shop.customers`,
        kind: 'TABLE',
        definition: {
          description: 'People who order',
          fields: [
            { name: 'id', type: 'integer' },
            { name: 'Name', type: 'text' },
            { name: 'phone', type: 'character varying(20)', description: 'E.164 phone number' },
          ],
          properties: { relkind: 'r', notNullColumns: ['id', 'Name'] },
        },
      });
      expect(changeset.assets!.find((a) => a.name === `${db}.shop.customer_totals`)!.definition).toEqual({
        fields: [
          { name: 'customer_name', type: 'text' },
          { name: 'total', type: 'numeric' },
        ],
        properties: { relkind: 'm', materialized: true },
      });
      expect(changeset.assets!.find((a) => a.name === `${db}.shop.order_details`)!.definition).toMatchObject({
        description: 'Orders with their customer',
        properties: { relkind: 'v', materialized: false },
      });
    });

    it('makes each view a VIEW_DEFINITION that reads exactly what pg_depend names and writes the view', async () => {
      const { db, ns } = target();
      const { changeset } = await readOnce({ url: catalog.url }, store);
      expect(changeset.computations!.map((c) => [c.namespace, c.name, c.kind]).sort()).toEqual(
        [
          [ns, `${db}.other.customer_scores`, 'VIEW_DEFINITION'],
          [ns, `${db}.shop.customer_totals`, 'VIEW_DEFINITION'],
          [ns, `${db}.shop.open_orders`, 'VIEW_DEFINITION'],
          [ns, `${db}.shop.order_details`, 'VIEW_DEFINITION'],
        ].sort(),
      );
      const details = changeset.computations!.find((c) => c.name === `${db}.shop.order_details`)!;
      expect(details.definition!.code).toEqual({ language: 'sql', text: await viewDefinition('shop.order_details') });

      expect(await dependenciesOf('shop.order_details')).toEqual(['shop.customers', 'shop.orders']);
      expect(edgesOf(changeset, `${db}.shop.order_details`, db)).toEqual(['reads shop.customers', 'reads shop.orders', 'writes shop.order_details']);
      expect(await dependenciesOf('shop.customer_totals')).toEqual(['shop.order_details']);
      expect(edgesOf(changeset, `${db}.shop.customer_totals`, db)).toEqual(['reads shop.order_details', 'writes shop.customer_totals']);
      expect(edgesOf(changeset, `${db}.other.customer_scores`, db)).toEqual(['reads other.remote_scores', 'reads shop.customers', 'writes other.customer_scores']);
      // Nothing else: tables have no computation, and every edge belongs to one of the four views.
      expect(changeset.edges).toHaveLength(3 + 2 + 3 + 2);
    });

    it('derives field edges from the view definitions with the SQL lineage analysis', async () => {
      const { db } = target();
      const { changeset } = await readOnce({ url: catalog.url }, store);
      expect(fieldEdgesOf(changeset, `${db}.shop.order_details`, db)).toEqual(
        [
          'shop.orders.id -> shop.order_details.id DIRECT/IDENTITY',
          'shop.orders.amount -> shop.order_details.amount DIRECT/IDENTITY',
          'shop.customers.Name -> shop.order_details.customer_name DIRECT/IDENTITY',
          'shop.customers.phone -> shop.order_details.phone DIRECT/TRANSFORMATION',
          'shop.customers.id -> shop.order_details.* INDIRECT/JOIN',
          'shop.orders.customer_id -> shop.order_details.* INDIRECT/JOIN',
          'shop.orders.status -> shop.order_details.* INDIRECT/FILTER',
        ].sort(),
      );
      expect(fieldEdgesOf(changeset, `${db}.shop.customer_totals`, db)).toEqual(
        [
          'shop.order_details.customer_name -> shop.customer_totals.customer_name DIRECT/IDENTITY',
          'shop.order_details.amount -> shop.customer_totals.total DIRECT/AGGREGATION',
          'shop.order_details.customer_name -> shop.customer_totals.* INDIRECT/GROUP_BY',
        ].sort(),
      );
    });

    it('keeps a view whose definition does not parse, with its dataset-level edges, and reports it', async () => {
      const { db, ns } = target();
      const view = `${db}.shop.open_orders`;
      const report = await runIngestor(store, postgresCatalogIngestor, { url: catalog.url });
      expect(report.errors).toEqual([
        { location: `${ns}/${view}`, message: expect.stringMatching(/^cannot parse the view definition/), node: { type: 'ASSET', namespace: ns, name: view } },
      ]);
      expect(report.versions).toEqual([1]);
      const asset = await store.nodeByName('ASSET', ns, view);
      const job = await store.nodeByName('COMPUTATION', ns, view);
      const orders = await store.nodeByName('ASSET', ns, `${db}.shop.orders`);
      expect(asset).toMatchObject({ kind: 'VIEW' });
      expect(job!.definition.code!.text).toContain('IS DISTINCT FROM');
      expect((await store.edges(job!.id)).map((e) => [e.from, e.to, e.kind]).sort()).toEqual(
        [
          [orders!.id, job!.id, 'READS'],
          [job!.id, asset!.id, 'WRITES'],
        ].sort(),
      );
      expect(await store.fieldEdges(asset!.id)).toEqual([]);
    });

    it('commits the catalog, ends a dropped materialized view at the next sync, and keeps it at the older version', async () => {
      const { db, ns } = target();
      const input = { url: catalog.url };
      const first = await runIngestor(store, postgresCatalogIngestor, input);
      expect(first.versions).toEqual([1]);
      const name = `${db}.shop.customer_totals`;
      const totals = await store.nodeByName('ASSET', ns, name);
      const details = await store.nodeByName('ASSET', ns, `${db}.shop.order_details`);
      // Field edges the store accepted reference fields the catalog declared.
      expect((await store.fieldEdges(totals!.id)).map((f) => [f.inputId, f.inputField, f.outputField, f.transformationSubtype]).sort()).toEqual(
        [
          [details!.id, 'amount', 'total', 'AGGREGATION'],
          [details!.id, 'customer_name', '', 'GROUP_BY'],
          [details!.id, 'customer_name', 'customer_name', 'IDENTITY'],
        ].sort(),
      );

      const unchanged = await runIngestor(store, postgresCatalogIngestor, input);
      expect(unchanged.versions).toEqual([]);
      expect(unchanged.results.map((r) => r.changed)).toEqual([false]);

      await catalog.query('DROP MATERIALIZED VIEW shop.customer_totals');
      const second = await runIngestor(store, postgresCatalogIngestor, input);
      expect(second.versions).toEqual([2]);
      expect(second.results[0]!.stats).toMatchObject({ nodesDeleted: 2, edgesRemoved: 2, fieldEdgesRemoved: 3 });
      expect(await store.nodeByName('ASSET', ns, name)).toBeNull();
      expect(await store.nodeByName('COMPUTATION', ns, name)).toBeNull();
      expect(await store.nodeByName('ASSET', ns, name, 1)).toMatchObject({ kind: 'VIEW', fromVersion: 1, toVersion: 2 });
      expect(await store.nodeByName('COMPUTATION', ns, name, 1)).toMatchObject({ kind: 'VIEW_DEFINITION' });
      // The view was read only by the dropped materialized view's computation, at version 1 only.
      const totalsJob = await store.nodeByName('COMPUTATION', ns, name, 1);
      expect(await store.edges(details!.id, { direction: 'out' })).toEqual([]);
      expect((await store.edges(details!.id, { direction: 'out', asOf: 1 })).map((e) => [e.to, e.kind])).toEqual([[totalsJob!.id, 'READS']]);
    });

    it('syncs a schema filter as its own source, with the relations its views read from other schemas', async () => {
      const { db, ns } = target();
      await runIngestor(store, postgresCatalogIngestor, { url: catalog.url });
      const filtered = { url: catalog.url, schemas: ['other'] };
      expect(postgresCatalogIngestor.sourceId(filtered)).toBe(`postgres:${ns.slice('postgres://'.length)}/${db}?schemas=other`);
      const { changeset } = await readOnce(filtered, store);
      expect(changeset.assets!.map((a) => a.name.slice(db.length + 1)).sort()).toEqual(
        ['other.audit_log', 'other.customer_scores', 'other.remote_scores', 'shop.customers'].sort(),
      );
      expect(changeset.computations!.map((c) => c.name)).toEqual([`${db}.other.customer_scores`]);
      expect(fieldEdgesOf(changeset, `${db}.other.customer_scores`, db)).toEqual(
        [
          'shop.customers.id -> other.customer_scores.id DIRECT/IDENTITY',
          'other.remote_scores.score -> other.customer_scores.score DIRECT/IDENTITY',
          'shop.customers.id -> other.customer_scores.* INDIRECT/JOIN',
          'other.remote_scores.customer_id -> other.customer_scores.* INDIRECT/JOIN',
        ].sort(),
      );
      // The filtered source claims facts the full one already asserts: its own claims, nothing retracted.
      const report = await runIngestor(store, postgresCatalogIngestor, filtered);
      expect(report.errors).toEqual([]);
      expect(report.results[0]!.stats).toMatchObject({ nodesCreated: 0, nodesUpdated: 0, nodesDeleted: 0, edgesAdded: 0, edgesRemoved: 0, fieldEdgesRemoved: 0 });
      expect(await store.nodeByName('ASSET', ns, `${db}.shop.orders`)).not.toBeNull();
      // Neither sync retracts the other's claims: repeating either changes nothing.
      expect((await runIngestor(store, postgresCatalogIngestor, { url: catalog.url })).versions).toEqual([]);
      expect((await runIngestor(store, postgresCatalogIngestor, filtered)).versions).toEqual([]);
    });

    it('never puts the password in the source id, the changeset, the errors or a connection failure', async () => {
      const { password } = target();
      const report = await runIngestor(store, postgresCatalogIngestor, { url: catalog.url });
      const { changeset } = await readOnce({ url: catalog.url }, store);
      if (password === '') return; // a trust-auth server: no secret to leak
      expect(report.source).not.toContain(password);
      expect(JSON.stringify(changeset)).not.toContain(password);
      expect(JSON.stringify(report.errors)).not.toContain(password);
      const missing = new URL(catalog.url);
      missing.pathname = '/dctx_no_such_database';
      const failure = runIngestor(store, postgresCatalogIngestor, { url: missing.toString() });
      await expect(failure).rejects.toThrow(/^cannot read the catalog of postgres:[^ ]+\/dctx_no_such_database: /);
      await failure.catch((error: Error) => {
        expect(error.message).not.toContain(password);
        expect(String(error.stack)).not.toContain(password);
      });
    });
  });
});
