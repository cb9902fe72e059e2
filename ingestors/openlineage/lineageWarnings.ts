import type { EventIssue, OpenLineageEvent } from './events.js';
import { outputLineage } from './columnLineage.js';
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
