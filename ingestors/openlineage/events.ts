import type { StoreRefusedError } from '../../graph-model/errors.js';
import type { RunState } from '../../graph-model/model.js';

/**
 * OpenLineage events after envelope validation. Identity and time are checked and normalised;
 * facets are kept as sent (any JSON object), because producers add facets the spec does not know.
 */

export type Facets = Record<string, unknown>;

export interface OpenLineageDataset {
  namespace: string;
  name: string;
  facets: Facets;
  /** `inputFacets` of an input or `outputFacets` of an output: run statistics, never definitions. */
  ioFacets: Facets;
}

export interface OpenLineageJob {
  namespace: string;
  name: string;
  facets: Facets;
}

interface Envelope {
  /** ISO-8601 in UTC; a time sent without offset is read as UTC. */
  eventTime: string;
  producer: string;
  schemaURL: string;
}

export interface RunEvent extends Envelope {
  type: 'RunEvent';
  /** `OTHER` when the event does not say (eventType is optional in the spec). */
  eventType: RunState;
  run: { runId: string; facets: Facets };
  job: OpenLineageJob;
  inputs: OpenLineageDataset[];
  outputs: OpenLineageDataset[];
}

export interface JobEvent extends Envelope {
  type: 'JobEvent';
  job: OpenLineageJob;
  inputs: OpenLineageDataset[];
  outputs: OpenLineageDataset[];
}

export interface DatasetEvent extends Envelope {
  type: 'DatasetEvent';
  dataset: OpenLineageDataset;
}

export type OpenLineageEvent = RunEvent | JobEvent | DatasetEvent;

/** An envelope problem: `path` is a JSON Pointer (RFC 6901) to the bad field, e.g. `/events/3/run/runId`. */
export interface EventIssue {
  path: string;
  message: string;
  /** When the database refused the event: its error, for the log (the message only names its id). */
  refusal?: StoreRefusedError;
}
