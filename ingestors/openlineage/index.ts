export type { DatasetEvent, EventIssue, JobEvent, OpenLineageEvent, RunEvent } from './events.js';
export { validateEvent, type ValidationResult } from './validateEvent.js';
export { OPENLINEAGE_SOURCE, mapEvent } from './mapEvent.js';
export { coalescedChangeset } from './coalescedChangeset.js';
export { ingestEvents, type IngestEventsResult } from './ingestEvents.js';
export { openLineageIngestor, type OpenLineageInput } from './openLineageIngestor.js';
