import { WHOLE_ASSET, type FieldDef } from '../../graph-model/model.js';
import type { EventIssue, OpenLineageEvent } from './events.js';
import { outputLineage } from './columnLineage.js';
import { schemaFields } from './facetValues.js';
import { datasetKey } from './runRecord.js';

/**
 * Datasets an output's `columnLineage` (or `lineage`) facet derives from that the event's `inputs`
 * do not list. The job is still recorded as reading them (a column computed from a table means the
 * job read it: dropping the edge would hide a real dependency from impact checks), but the producer
 * said two different things, so each is reported as a warning naming the facet. See
 * docs/integrations.md#column-lineage-naming-datasets-the-inputs-omit.
 */
export function lineageOutsideInputs(event: OpenLineageEvent, prefix = ''): EventIssue[] {
  if (event.type === 'DatasetEvent') return [];
  const inputs = new Set(event.inputs.map(datasetKey));
  const warnings: EventIssue[] = [];
  event.outputs.forEach((output, i) => {
    for (const facetName of ['columnLineage', 'lineage']) {
      if (output.facets[facetName] === undefined) continue;
      const named = outputLineage({ [facetName]: output.facets[facetName] }).inputs;
      for (const dataset of named) {
        if (inputs.has(datasetKey(dataset))) continue;
        warnings.push({
          path: `${prefix}/outputs/${i}/facets/${facetName}`,
          message:
            `warning: the ${facetName} facet of output ${output.namespace}/${output.name} derives from ${dataset.namespace}/${dataset.name}, ` +
            `which the event's inputs do not list; recorded as read by job ${event.job.namespace}/${event.job.name}`,
        });
      }
    }
  });
  return warnings;
}

/** Every field name a schema declares, nested ones as `parent.child`. */
function declaredNames(fields: FieldDef[]): Set<string> {
  const names = new Set<string>();
  const walk = (list: FieldDef[], prefix: string) => {
    for (const field of list) {
      names.add(prefix + field.name);
      if (field.fields) walk(field.fields, `${prefix}${field.name}.`);
    }
  };
  walk(fields, '');
  return names;
}

/**
 * Field edges to columns the event's own `schema` facet of that dataset does not declare. The edge
 * is kept and the column added to the dataset (without a type, unless one is known), since the
 * lineage says the column exists; but the producer said two different things, so each column is
 * reported once as a warning naming the facet. A dataset the event sends no schema facet for is
 * not checked: its schema may have come in an earlier event (a START), which this event does not
 * repeat. See docs/integrations.md#column-lineage-naming-columns-no-schema-declares.
 */
export function lineageOutsideSchemas(event: OpenLineageEvent, prefix = ''): EventIssue[] {
  if (event.type === 'DatasetEvent') return [];
  const schemas = new Map<string, Set<string>>();
  for (const d of [...event.inputs, ...event.outputs]) {
    const fields = schemaFields(d.facets);
    if (fields) schemas.set(datasetKey(d), new Set([...(schemas.get(datasetKey(d)) ?? []), ...declaredNames(fields)]));
  }
  const warnings: EventIssue[] = [];
  const seen = new Set<string>();
  event.outputs.forEach((output, i) => {
    for (const facetName of ['columnLineage', 'lineage']) {
      if (output.facets[facetName] === undefined) continue;
      for (const dependency of outputLineage({ [facetName]: output.facets[facetName] }).dependencies) {
        const ends = [
          { dataset: dependency.input, field: dependency.input.field },
          { dataset: { namespace: output.namespace, name: output.name }, field: dependency.outputField },
        ];
        for (const { dataset, field } of ends) {
          const declared = schemas.get(datasetKey(dataset));
          const key = `${facetName}\u0000${i}\u0000${datasetKey(dataset)}\u0000${field}`;
          if (field === WHOLE_ASSET || !declared || declared.has(field) || seen.has(key)) continue;
          seen.add(key);
          warnings.push({
            path: `${prefix}/outputs/${i}/facets/${facetName}`,
            message:
              `warning: the ${facetName} facet of output ${output.namespace}/${output.name} names column ${field} of ${dataset.namespace}/${dataset.name}, ` +
              `which the event's schema facet of that dataset does not declare; the column is added to it`,
          });
        }
      }
    }
  });
  return warnings;
}
