import { ChangesetRejectedError } from '../../graph-model/errors.js';
import type { ApplyResult } from '../../graph-model/model.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { eventChangeset } from './eventChangeset.js';
import type { EventIssue, OpenLineageEvent } from './events.js';
import { validateEvent } from './validateEvent.js';

export type IngestEventsResult =
  /** Some event is invalid: nothing was committed. Paths are `/<index>/...` JSON Pointers into the batch. */
  | { status: 'invalid'; errors: EventIssue[] }
  /** One result per event, in order; `errors` lists events the store refused (the others committed). */
  | { status: 'applied'; results: (ApplyResult | null)[]; errors: EventIssue[] };

// Events of one run read what earlier events committed (the run's I/O so far): in one process,
// batches are applied one after another so that two requests for the same run cannot interleave.
const queues = new WeakMap<GraphStore, Promise<unknown>>();

function serialized<T>(store: GraphStore, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(store) ?? Promise.resolve();
  const next = previous.then(task, task);
  queues.set(
    store,
    next.catch(() => undefined),
  );
  return next;
}

/**
 * For the HTTP endpoint: validates every event first and commits nothing when one is invalid (so
 * the server can answer 400 naming the bad field); otherwise commits one changeset per event, in order.
 */
export async function ingestEvents(store: GraphStore, events: unknown[], actor?: string): Promise<IngestEventsResult> {
  const valid: OpenLineageEvent[] = [];
  const errors: EventIssue[] = [];
  events.forEach((json, i) => {
    const result = validateEvent(json, `/${i}`);
    if (result.ok) valid.push(result.event);
    else errors.push(...result.issues);
  });
  if (errors.length > 0) return { status: 'invalid', errors };
  return serialized(store, async () => {
    const results: (ApplyResult | null)[] = [];
    const refused: EventIssue[] = [];
    for (const [i, event] of valid.entries()) {
      try {
        results.push(await store.apply(await eventChangeset(store, event), { actor }));
      } catch (error) {
        if (!(error instanceof ChangesetRejectedError)) throw error;
        results.push(null);
        refused.push(...error.issues.map((issue) => ({ path: `/${i}`, message: `${issue.path}: ${issue.message}` })));
      }
    }
    return { status: 'applied' as const, results, errors: refused };
  });
}
