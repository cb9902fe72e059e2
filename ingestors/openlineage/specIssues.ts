import type { ErrorObject } from 'ajv';
import type { EventIssue, OpenLineageEvent } from './events.js';
import { isObject } from './facetValues.js';
import { DATASET_FACET_VALIDATORS, EVENT_VALIDATORS, describeSchemaError } from './specValidators.js';

/** Keywords whose errors only summarise the errors of their branches, which are reported themselves. */
const SUMMARIES = new Set(['allOf', 'anyOf', 'oneOf', 'if', 'not']);

function issuesOf(errors: ErrorObject[] | null | undefined, base: string): EventIssue[] {
  const issues: EventIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    if (SUMMARIES.has(error.keyword)) continue;
    const { pointer, message } = describeSchemaError(error);
    const key = `${pointer}\n${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path: base + pointer, message });
  }
  return issues;
}

/**
 * What the OpenLineage JSON Schema refuses in `json`, read as an event of `type`, at JSON Pointers
 * under `base`: the envelope (OpenLineage.json) and the dataset facets whose content is refused on
 * (schema, columnLineage, lineage; a facet marked `_deleted` carries no content to check).
 */
export function specIssues(type: OpenLineageEvent['type'], json: Record<string, unknown>, base: string): EventIssue[] {
  const validate = EVENT_VALIDATORS[type];
  const issues = validate(json) ? [] : issuesOf(validate.errors, base);
  const datasets: [unknown, string][] =
    type === 'DatasetEvent'
      ? [[json.dataset, '/dataset']]
      : (['inputs', 'outputs'] as const).flatMap((key) => (Array.isArray(json[key]) ? (json[key] as unknown[]).map((d, i): [unknown, string] => [d, `/${key}/${i}`]) : []));
  for (const [dataset, pointer] of datasets) {
    if (!isObject(dataset) || !isObject(dataset.facets)) continue;
    for (const [name, facetValidator] of Object.entries(DATASET_FACET_VALIDATORS)) {
      const facet = dataset.facets[name];
      if (facet === undefined || (isObject(facet) && facet._deleted === true)) continue;
      if (!facetValidator(facet)) issues.push(...issuesOf(facetValidator.errors, `${base}${pointer}/facets/${name}`));
    }
  }
  return issues;
}
