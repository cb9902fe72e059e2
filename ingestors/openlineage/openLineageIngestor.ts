import type { Changeset } from '../../graph-model/model.js';
import type { IngestBatch, IngestContext, IngestError, Ingestor } from '../contract.js';
import { coalescedChangeset } from './coalescedChangeset.js';
import { OPENLINEAGE_SOURCE } from './mapEvent.js';
import { qualityResultsOfEvents } from './qualityFacets.js';
import { readEventsFile, type EventItem } from './readEventsFile.js';
import { validateEvent } from './validateEvent.js';

/** A path to a `.json` (one event or an array) or `.ndjson`/`.jsonl` file of OpenLineage events. */
export type OpenLineageInput = string;

/** Where a bad field of an item is: the pointer goes after `#` for JSON documents, as a prefix of the message for NDJSON lines. */
function issueLocation(item: EventItem, path: string): { location: string; prefix: string } {
  if (item.location.includes('#')) return { location: `${item.location.slice(0, item.location.indexOf('#'))}#${path}`, prefix: '' };
  return { location: item.location, prefix: path ? `${path}: ` : '' };
}

function emptyChangeset(): Changeset {
  return { source: OPENLINEAGE_SOURCE, mode: 'delta' };
}

/**
 * OpenLineage events from a file, one changeset per event so that each event's facts commit
 * atomically and in order. An invalid event becomes an ingest error (with an empty changeset, which
 * commits nothing); the events around it still commit.
 */
export const openLineageIngestor: Ingestor<OpenLineageInput> = {
  kind: 'openlineage',
  sourceId: () => OPENLINEAGE_SOURCE,
  async *read(input: OpenLineageInput, context: IngestContext): AsyncIterable<IngestBatch> {
    const items = await readEventsFile(input);
    for (const [i, item] of items.entries()) {
      context.progress?.(i, items.length);
      if (item.parseError !== undefined) {
        yield { changeset: emptyChangeset(), errors: [{ location: item.location, message: `not JSON: ${item.parseError}` }] };
        continue;
      }
      const result = validateEvent(item.json, item.pointer);
      if (!result.ok) {
        const errors: IngestError[] = result.issues.map((issue) => {
          const { location, prefix } = issueLocation(item, issue.path);
          return { location, message: prefix + issue.message };
        });
        yield { changeset: emptyChangeset(), errors };
        continue;
      }
      const quality = qualityResultsOfEvents([result.event]);
      yield { changeset: await coalescedChangeset(context.store, [result.event]), errors: [], ...(quality.length > 0 ? { quality: { results: quality } } : {}) };
    }
    context.progress?.(items.length, items.length);
  },
};
