import type { Changeset } from '../../graph-model/model.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import type { OpenLineageEvent } from './events.js';
import { OPENLINEAGE_SOURCE, mapEvent, mentionedNodes } from './mapEvent.js';
import { loadPriorState } from './priorState.js';

/**
 * The changeset of one valid event against the graph as it is now. Events must be turned into
 * changesets and applied one at a time, in order: each reads what the previous ones committed.
 */
export async function eventChangeset(store: GraphStore, event: OpenLineageEvent, source = OPENLINEAGE_SOURCE): Promise<Changeset> {
  const job = event.type === 'DatasetEvent' ? null : event.job;
  const prior = await loadPriorState(store, source, mentionedNodes(event), job);
  return mapEvent(event, prior, source);
}
