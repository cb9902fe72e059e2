import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../support/engines.js';

/**
 * A small risk-shop catalog: two commented tables joined by a view, a materialized view over the
 * view, a partitioned table, a view the SQL parser cannot read (IS DISTINCT FROM), and a second
 * schema with a plain and a foreign table and a view reading across both schemas.
 */
export const CATALOG_SQL = `
DROP SCHEMA IF EXISTS shop CASCADE;
DROP SCHEMA IF EXISTS other CASCADE;
DROP SERVER IF EXISTS nowhere CASCADE;
DROP FOREIGN DATA WRAPPER IF EXISTS dummy_fdw CASCADE;
CREATE SCHEMA shop;
CREATE TABLE shop.customers (id integer PRIMARY KEY, "Name" text NOT NULL, phone varchar(20));
COMMENT ON TABLE shop.customers IS 'People who order';
COMMENT ON COLUMN shop.customers.phone IS 'E.164 phone number';
CREATE TABLE shop.orders (
  id bigint PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES shop.customers (id),
  amount numeric(12,2),
  status text
);
COMMENT ON TABLE shop.orders IS 'One row per order';
CREATE TABLE shop.events (id integer, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE shop.events_2024 PARTITION OF shop.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE VIEW shop.order_details AS
  SELECT o.id, o.amount, c."Name" AS customer_name, upper(c.phone) AS phone
  FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id
  WHERE o.status <> 'cancelled';
COMMENT ON VIEW shop.order_details IS 'Orders with their customer';
CREATE MATERIALIZED VIEW shop.customer_totals AS
  SELECT customer_name, sum(amount) AS total FROM shop.order_details GROUP BY customer_name;
CREATE VIEW shop.open_orders AS SELECT id, amount FROM shop.orders WHERE status IS DISTINCT FROM 'closed';
CREATE SCHEMA other;
CREATE TABLE other.audit_log (id integer, note text);
CREATE FOREIGN DATA WRAPPER dummy_fdw;
CREATE SERVER nowhere FOREIGN DATA WRAPPER dummy_fdw;
CREATE FOREIGN TABLE other.remote_scores (customer_id integer, score real) SERVER nowhere;
CREATE VIEW other.customer_scores AS
  SELECT c.id, s.score FROM shop.customers c JOIN other.remote_scores s ON s.customer_id = c.id;
`;

/** A fresh PostgreSQL database on DATABASE_URL's server to ingest from, dropped by `dispose`. */
export async function createCatalogDatabase(): Promise<{ url: string; query(sql: string, params?: unknown[]): Promise<pg.QueryResult>; dispose(): Promise<void> }> {
  const database: TestDatabase = await createTestDatabase('postgres');
  const url = database.databaseUrl!;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    url,
    query: (sql, params) => client.query(sql, params),
    async dispose() {
      await client.end();
      await database.dispose();
    },
  };
}
