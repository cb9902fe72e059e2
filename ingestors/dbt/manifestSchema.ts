import { z } from 'zod';

/**
 * The parts of dbt's manifest.json this ingestor reads, for schema versions v1 to v12. Objects are
 * loose (dbt adds keys in every release) and most keys are optional or nullable, because which of
 * them exist depends on the version: `raw_sql`/`compiled_sql` up to v6, `raw_code`/`compiled_code`
 * from v7; `project_name` and `groups` only in recent versions.
 */

const text = z.string().nullish();
const meta = z.record(z.string(), z.unknown()).nullish();
/** `config.tags` may be one string or a list; `tags` on the node is a list. */
const tags = z.union([z.string(), z.array(z.string())]).nullish();

export const columnSchema = z.looseObject({
  name: text,
  data_type: text,
  description: text,
});

export const relationNodeSchema = z.looseObject({
  unique_id: text,
  resource_type: z.string(),
  name: text,
  database: text,
  schema: text,
  alias: text,
  identifier: text,
  description: text,
  package_name: text,
  original_file_path: text,
  language: text,
  raw_sql: text,
  compiled_sql: text,
  raw_code: text,
  compiled_code: text,
  relation_name: text,
  source_name: text,
  loader: text,
  group: text,
  meta,
  source_meta: meta,
  tags,
  columns: z.record(z.string(), columnSchema).nullish(),
  depends_on: z.looseObject({ nodes: z.array(z.string()).nullish() }).nullish(),
  config: z
    .looseObject({
      enabled: z.boolean().nullish(),
      materialized: text,
      meta,
      tags,
      group: text,
    })
    .nullish(),
});
export type RelationNode = z.infer<typeof relationNodeSchema>;

/** A group (v10+) owns the nodes that name it; its owner is a name, an email or both. */
const groupSchema = z.looseObject({
  name: z.string(),
  package_name: text,
  owner: z.looseObject({ name: text, email: text }).nullish(),
});
export type DbtGroup = z.infer<typeof groupSchema>;

/** Each item stays `unknown` here: items are validated one by one so that one bad item is one error. */
const items = z.record(z.string(), z.unknown());

export const manifestSchema = z.looseObject({
  metadata: z
    .looseObject({
      dbt_schema_version: text,
      dbt_version: text,
      project_name: text,
      invocation_id: text,
    })
    .nullish(),
  nodes: items,
  sources: items.nullish(),
  groups: z.record(z.string(), groupSchema).nullish(),
  // Collections whose members may appear in `depends_on.nodes` but are not relations.
  exposures: items.nullish(),
  metrics: items.nullish(),
  semantic_models: items.nullish(),
  saved_queries: items.nullish(),
  unit_tests: items.nullish(),
  macros: items.nullish(),
});
export type ManifestJson = z.infer<typeof manifestSchema>;
