import { readFixture } from './dbtFixtures.js';

/** A staging model of jaffle_shop as dbt 1.8 writes it, reading one seed. */
function stagingModel(name: string, seed: string, materialized: 'view' | 'ephemeral') {
  return {
    database: 'jaffle_shop',
    schema: 'main',
    name,
    alias: name,
    resource_type: 'model',
    package_name: 'jaffle_shop',
    original_file_path: `models/staging/${name}.sql`,
    unique_id: `model.jaffle_shop.${name}`,
    config: { enabled: true, materialized, tags: [], meta: {} },
    tags: [],
    meta: {},
    description: '',
    columns: {},
    language: 'sql',
    raw_code: `select * from {{ ref('${seed}') }}`,
    compiled_code: `select * from "jaffle_shop"."main"."${seed}"`,
    depends_on: { macros: [], nodes: [`seed.jaffle_shop.${seed}`] },
  };
}

/**
 * The duckdb fixture with the staging models it was trimmed of put back: stg_customers and
 * stg_payments as views, stg_orders as an ephemeral model (inlined into its consumers).
 */
export function completeJaffleShop() {
  const manifest = readFixture('duckdb_manifest.json');
  manifest.nodes['model.jaffle_shop.stg_customers'] = stagingModel('stg_customers', 'raw_customers', 'view');
  manifest.nodes['model.jaffle_shop.stg_orders'] = stagingModel('stg_orders', 'raw_orders', 'ephemeral');
  manifest.nodes['model.jaffle_shop.stg_payments'] = stagingModel('stg_payments', 'raw_payments', 'view');
  return manifest;
}
