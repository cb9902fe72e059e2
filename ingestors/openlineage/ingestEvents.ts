import type { ApplyResult } from '../../graph-model/model.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import type { EventIssue, OpenLineageEvent } from './events.js';
import { commitEvents } from './groupCommit.js';
import { lineageOutsideInputs, lineageOutsideSchemas } from './lineageWarnings.js';
import { validateEvent } from './validateEvent.js';

export type IngestEventsResult =
  /** Some event is invalid: nothing was committed. Paths are `/<index>/...` JSON Pointers into the batch. */
  | { status: 'invalid'; errors: EventIssue[] }
  /**
   * One result per event, in order: the commit that carried it (events committed together share
   * one), or null when the store refused it; `errors` lists the refused events (the others committed).
   */
  | {
      status: 'applied';
      results: (ApplyResult | null)[];
      errors: EventIssue[];
      /** What the committed events said that the ingestor had to decide for them (lineageWarnings.ts), with the job each is about. */
      warnings: (EventIssue & { job: { namespace: string; name: string } })[];
    };

/**
 * For the HTTP endpoint: validates every event first and commits nothing when one is invalid (so
 * the server can answer 400 naming the bad field); otherwise commits them as one changeset,
 * together with the events of requests arriving at the same time (groupCommit.ts).
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
  const outcome = await commitEvents(store, valid, actor);
  const warnings = valid.flatMap((event, i) =>
    outcome.results[i] && event.type !== 'DatasetEvent'
      ? [...lineageOutsideInputs(event, `/${i}`), ...lineageOutsideSchemas(event, `/${i}`)].map((w) => ({ ...w, job: event.job }))
      : [],
  );
  return { status: 'applied', results: outcome.results, errors: outcome.errors, warnings };
}
