import type { FieldDef, NodeDefinition, Owner } from '../../graph-model/model.js';
import type { DbtGroup, RelationNode } from './manifestSchema.js';
import type { Materialization } from './materialization.js';
import type { RelationResourceType } from './resourceType.js';

function nonEmpty(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}

function tagList(value: string | string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/** The node's tags: dbt copies `config.tags` into `tags`, but older manifests keep them apart. */
export function tagsOf(node: RelationNode): string[] {
  return [...new Set([...tagList(node.tags), ...tagList(node.config?.tags)])];
}

/** `meta` lives on the node, in `config.meta` (dbt >= 1.0) and, for sources, in `source_meta`; the most specific wins. */
export function metaOf(node: RelationNode): Record<string, unknown> {
  return { ...(node.source_meta ?? {}), ...(node.config?.meta ?? {}), ...(node.meta ?? {}) };
}

export function groupOf(node: RelationNode): string | undefined {
  return nonEmpty(node.group) ?? nonEmpty(node.config?.group);
}

/** Columns as fields, in manifest order; a column without a name is skipped (dbt always writes one). */
export function fieldsOf(node: RelationNode): FieldDef[] {
  const fields: FieldDef[] = [];
  for (const [key, column] of Object.entries(node.columns ?? {})) {
    const name = nonEmpty(column.name) ?? nonEmpty(key);
    if (!name) continue;
    fields.push({ name, type: nonEmpty(column.data_type), description: nonEmpty(column.description) });
  }
  return fields;
}

/** `meta.owner` may be one name or a list of names. */
function metaOwners(meta: Record<string, unknown>): string[] {
  const owner = meta.owner;
  if (typeof owner === 'string') return [owner];
  if (Array.isArray(owner)) return owner.filter((o): o is string => typeof o === 'string');
  return [];
}

/** The group a node belongs to, looked up by name in the node's package first (group names are per package). */
function findGroup(groups: Record<string, DbtGroup>, name: string, packageName: string | undefined): DbtGroup | undefined {
  const byId = packageName ? groups[`group.${packageName}.${name}`] : undefined;
  return byId ?? Object.values(groups).find((group) => group.name === name);
}

/** Owners from `meta.owner` (node or config) and from the owner of the node's group. */
export function ownersOf(node: RelationNode, groups: Record<string, DbtGroup>): Owner[] {
  const names = metaOwners(metaOf(node)).filter((name) => name.trim() !== '');
  const group = groupOf(node);
  if (group) {
    const owner = findGroup(groups, group, nonEmpty(node.package_name))?.owner;
    const name = nonEmpty(owner?.name) ?? nonEmpty(owner?.email);
    if (name) names.push(name);
  }
  return [...new Set(names)].map((name) => ({ name }));
}

/** The code a model runs: compiled when the manifest has it (after `dbt compile`/`run`), else the Jinja source. */
export function codeOf(node: RelationNode): NodeDefinition['code'] {
  const text = nonEmpty(node.compiled_code) ?? nonEmpty(node.compiled_sql) ?? nonEmpty(node.raw_code) ?? nonEmpty(node.raw_sql);
  return text ? { language: nonEmpty(node.language) ?? 'sql', text } : undefined;
}

function withoutEmpty<T>(values: T[]): T[] | undefined {
  return values.length > 0 ? values : undefined;
}

function objectWithoutEmpty(value: Record<string, unknown>): Record<string, unknown> | undefined {
  return Object.keys(value).length > 0 ? value : undefined;
}

/**
 * The asset's definition. Only what the project declares goes in, never per-invocation values
 * (`created_at`, checksums of generated files), so recompiling an unchanged project changes nothing.
 */
export function assetDefinitionOf(
  uniqueId: string,
  node: RelationNode,
  resourceType: RelationResourceType,
  materialization: Materialization | undefined,
  groups: Record<string, DbtGroup>,
): NodeDefinition {
  return {
    description: nonEmpty(node.description),
    fields: withoutEmpty(fieldsOf(node)),
    owners: withoutEmpty(ownersOf(node, groups)),
    properties: {
      uniqueId,
      resourceType,
      materialized: materialization,
      packageName: nonEmpty(node.package_name),
      originalFilePath: nonEmpty(node.original_file_path),
      sourceName: nonEmpty(node.source_name),
      loader: nonEmpty(node.loader),
      group: groupOf(node),
      tags: withoutEmpty(tagsOf(node)),
      meta: objectWithoutEmpty(metaOf(node)),
      freshness: dbtFreshnessOf((node as { freshness?: unknown }).freshness),
    },
  };
}

const PERIOD_UNITS: Record<string, string> = { minute: 'm', hour: 'h', day: 'd' };

/**
 * A source's dbt `freshness` block as the expected refresh interval docs/quality.md reads:
 * `warn_after` (when a source is late enough to say so), else `error_after`; e.g. `1h`.
 */
function dbtFreshnessOf(freshness: unknown): string | undefined {
  if (typeof freshness !== 'object' || freshness === null) return undefined;
  for (const key of ['warn_after', 'error_after']) {
    const after = (freshness as Record<string, unknown>)[key] as { count?: unknown; period?: unknown } | null | undefined;
    const unit = typeof after?.period === 'string' ? PERIOD_UNITS[after.period] : undefined;
    if (typeof after?.count === 'number' && Number.isInteger(after.count) && after.count > 0 && unit) return `${after.count}${unit}`;
  }
  return undefined;
}

/** The computation's definition: the model's code, its owners and where it is declared. */
export function computationDefinitionOf(
  node: RelationNode,
  resourceType: RelationResourceType,
  materialization: Materialization,
  groups: Record<string, DbtGroup>,
): NodeDefinition {
  return {
    description: nonEmpty(node.description),
    code: codeOf(node),
    owners: withoutEmpty(ownersOf(node, groups)),
    properties: {
      resourceType,
      materialized: materialization,
      packageName: nonEmpty(node.package_name),
      originalFilePath: nonEmpty(node.original_file_path),
      group: groupOf(node),
      tags: withoutEmpty(tagsOf(node)),
    },
  };
}
