import type { z } from 'zod';
import type { NodeRef } from '../../../graph-model/model.js';
import type { IngestError } from '../../contract.js';
import type { CatalogFile } from './catalogFile.js';
import { CATALOG_SECTIONS, catalogFileSchema, featureSchema, modelSchema, ruleSchema, serviceSchema, type CatalogSection } from './catalogSchema.js';
import { DEFAULT_NAMESPACES, type Catalog, type CatalogItem, type NamespaceDefaults } from './catalogItems.js';
import { TEXT_LIMITS, jsonTextIssues, tooLongReason } from '../../../graph-model/storableText.js';
import { formatYamlPath, pathLocation } from './yamlLocation.js';
import { zodIssueErrors } from './zodIssueErrors.js';

export interface ReadCatalogResult {
  catalog: Catalog;
  /** Errors that make a whole file unusable (its top level is not a catalog): nothing is committed then. */
  fileErrors: IngestError[];
  /** Errors in single items: those items are left out, the rest is committed. */
  itemErrors: IngestError[];
}

const ITEM_SCHEMAS = { features: featureSchema, models: modelSchema, rules: ruleSchema, services: serviceSchema } satisfies Record<
  CatalogSection,
  z.ZodType
>;

/** The node a (possibly invalid) item is about, when its name can be read. */
function itemNode(raw: unknown, namespace: string): NodeRef | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { name, namespace: own } = raw as { name?: unknown; namespace?: unknown };
  if (typeof name !== 'string' || name.trim() === '') return undefined;
  return { type: 'ASSET', namespace: typeof own === 'string' && own.trim() !== '' ? own.trim() : namespace, name: name.trim() };
}

/**
 * Validates every file's outline and every item, applies the namespace defaults and leaves out an
 * item whose identity (namespace, name) an earlier item already declared, whatever its section: a
 * feature and a rule cannot both be the asset `risk/x`.
 */
export function readCatalog(files: readonly CatalogFile[]): ReadCatalogResult {
  const catalog: Catalog = { features: [], models: [], rules: [], services: [] };
  const fileErrors: IngestError[] = [];
  const itemErrors: IngestError[] = [];
  const declaredAt = new Map<string, string>();

  for (const file of files) {
    let json: unknown;
    try {
      json = file.document.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      // e.g. an alias bomb: the file cannot be read as data at all.
      fileErrors.push({ location: `${file.path}:1:1`, message: `cannot read the YAML as data: ${(error as Error).message}` });
      continue;
    }
    const outline = catalogFileSchema.safeParse(json);
    if (!outline.success) {
      fileErrors.push(...zodIssueErrors(file, [], outline.error.issues));
      continue;
    }
    if (outline.data === null) continue;
    const fileNamespace = outline.data.namespace;
    const defaults: NamespaceDefaults = fileNamespace
      ? { features: fileNamespace, models: fileNamespace, rules: fileNamespace, services: fileNamespace }
      : DEFAULT_NAMESPACES;

    for (const section of CATALOG_SECTIONS) {
      (outline.data[section] ?? []).forEach((raw, index) => {
        const path = [section, index];
        // A string the store cannot hold would fail the whole catalog's commit: it costs only its item.
        const [unstorable] = jsonTextIssues(raw, { limit: 1 });
        if (unstorable) {
          const at = [...path, ...unstorable.path];
          itemErrors.push({ location: pathLocation(file, at), message: `${formatYamlPath(at)} ${unstorable.message}; the item is left out` });
          return;
        }
        const parsed = ITEM_SCHEMAS[section].safeParse(raw);
        if (!parsed.success) {
          itemErrors.push(...zodIssueErrors(file, path, parsed.error.issues, itemNode(raw, defaults[section])));
          return;
        }
        const spec = parsed.data;
        const namespace = spec.namespace ?? defaults[section];
        const location = pathLocation(file, [...path, 'name']);
        const tooLong = tooLongReason(namespace, TEXT_LIMITS.identity) ?? tooLongReason(spec.name, TEXT_LIMITS.identity);
        if (tooLong) {
          itemErrors.push({ location, message: `${section}[${index}]: its namespace or name ${tooLong}; the item is left out` });
          return;
        }
        const key = `${namespace}\u0000${spec.name}`;
        const first = declaredAt.get(key);
        if (first !== undefined) {
          itemErrors.push({
            location,
            message: `${section}[${index}]: '${namespace}/${spec.name}' is declared twice (first at ${first}); this one is ignored`,
            node: { type: 'ASSET', namespace, name: spec.name },
          });
          return;
        }
        declaredAt.set(key, location);
        const origin = { file, path };
        // The section picks the schema, so the spec matches the list it is pushed to.
        (catalog[section] as CatalogItem<typeof spec>[]).push({ spec, namespace, origin, defaults });
      });
    }
  }
  return { catalog, fileErrors, itemErrors };
}
