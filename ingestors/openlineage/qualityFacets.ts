import { nodeId } from '../../graph-model/ids.js';
import { TEXT_LIMITS, tooLongReason } from '../../graph-model/storableText.js';
import type { QualityResultInput } from '../../graph-model/store/operations/recordQualityResults.js';
import type { OpenLineageDataset, OpenLineageEvent } from './events.js';
import { facet, isObject, objects, text } from './facetValues.js';

/** Dataset-level values of the `dataQualityMetrics` facet, each recorded as a check of that name. */
const DATASET_METRICS = ['rowCount', 'bytes', 'fileCount'] as const;
/** Column-level values of its `columnMetrics`. */
const COLUMN_METRICS = ['nullCount', 'distinctCount', 'sum', 'count', 'min', 'max', 'quantiles'] as const;

function storable(check: string, field: string): boolean {
  return tooLongReason(check, TEXT_LIMITS.metric) === null && tooLongReason(field, TEXT_LIMITS.field) === null;
}

/**
 * The facet as an input facet (where the spec puts both) or, as some producers send it, a dataset
 * facet; the input facet wins.
 */
function qualityFacet(dataset: OpenLineageDataset, name: string) {
  return facet(dataset.ioFacets, name) ?? facet(dataset.facets, name);
}

function resultsOfDataset(dataset: OpenLineageDataset, observedAt: string, runId: string | undefined): QualityResultInput[] {
  const id = nodeId('ASSET', dataset.namespace, dataset.name);
  const results: QualityResultInput[] = [];
  const push = (result: Omit<QualityResultInput, 'nodeId' | 'observedAt'>) => {
    if (storable(result.check, result.field ?? '')) results.push({ nodeId: id, observedAt, ...(runId ? { runId } : {}), ...result });
  };
  const assertions = qualityFacet(dataset, 'dataQualityAssertions');
  for (const entry of objects(assertions?.assertions)) {
    const check = text(entry.assertion);
    if (!check || typeof entry.success !== 'boolean') continue;
    // The spec's optional severity: a failed assertion rated a warning is a warning.
    const warning = typeof entry.severity === 'string' && /^warn/i.test(entry.severity);
    push({ check, field: text(entry.column) ?? '', outcome: entry.success ? 'pass' : warning ? 'warn' : 'fail' });
  }
  const metrics = qualityFacet(dataset, 'dataQualityMetrics');
  if (metrics) {
    for (const name of DATASET_METRICS) {
      const value = metrics[name];
      if (typeof value === 'number' && Number.isFinite(value)) push({ check: name, field: '', outcome: 'measured', observed: value });
    }
    const columns = isObject(metrics.columnMetrics) ? metrics.columnMetrics : {};
    for (const [column, values] of Object.entries(columns)) {
      if (!isObject(values) || column === '') continue;
      for (const name of COLUMN_METRICS) {
        const value = values[name];
        const usable = name === 'quantiles' ? isObject(value) : typeof value === 'number' && Number.isFinite(value);
        if (usable) push({ check: name, field: column, outcome: 'measured', observed: value });
      }
    }
  }
  return results;
}

/**
 * The quality results OpenLineage events carry (docs/quality.md): each `dataQualityAssertions`
 * assertion is a pass or fail of check `<assertion>` on the dataset (on its `column` when named),
 * and each `dataQualityMetrics` value a `measured` result of check `<metric>` (`rowCount` on the
 * dataset, `nullCount` on a column...), at the event's time with its run id. Read from the inputs
 * of run events (dbt-ol sends a test's assertions as an input facet of the tested model) and from
 * dataset events.
 */
export function qualityResultsOfEvents(events: readonly OpenLineageEvent[]): QualityResultInput[] {
  return events.flatMap((event) => {
    if (event.type === 'RunEvent') return event.inputs.flatMap((input) => resultsOfDataset(input, event.eventTime, event.run.runId));
    if (event.type === 'DatasetEvent') return resultsOfDataset(event.dataset, event.eventTime, undefined);
    return [];
  });
}
