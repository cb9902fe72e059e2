import type { Changeset } from '../../graph-model/model.js';
import type { GraphReader } from '../../graph-model/store/graphReader.js';
import type { OpenLineageEvent } from './events.js';
import { loadBatchState } from './loadBatchState.js';
import { OPENLINEAGE_SOURCE, mapEvent } from './mapEvent.js';

/**
 * Valid events as one delta changeset: one read of the graph for all of them, then each event
 * mapped, in order, against the state the ones before it left (see batchState.ts). Committing it
 * leaves the graph as committing the events one by one would, in one version instead of one each:
 * a batch of a hundred events costs one transaction instead of a hundred. The one mapping of
 * events to changesets: files (one event a batch), HTTP batches and their one-by-one fallback.
 */
export async function coalescedChangeset(store: GraphReader, events: OpenLineageEvent[], source = OPENLINEAGE_SOURCE): Promise<Changeset> {
  const state = await loadBatchState(store, source, events);
  for (const event of events) state.absorb(mapEvent(event, state.priorFor(event), source));
  return state.changeset();
}
