import { ChangesetRejectedError, StoreRefusedError } from '../../graph-model/errors.js';
import type { ApplyResult } from '../../graph-model/model.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { coalescedChangeset } from './coalescedChangeset.js';
import type { EventIssue, OpenLineageEvent } from './events.js';
import { OPENLINEAGE_SOURCE } from './mapEvent.js';
import { qualityResultsOfEvents } from './qualityFacets.js';

/** The quality results of committed events, recorded after their changeset (its datasets exist then). */
async function recordQuality(store: GraphStore, events: readonly OpenLineageEvent[]): Promise<void> {
  const results = qualityResultsOfEvents(events);
  if (results.length > 0) await store.recordQualityResults(OPENLINEAGE_SOURCE, results);
}

/** What became of one submission's events: one result per event (null when refused) and the refusals. */
export interface CommitOutcome {
  results: (ApplyResult | null)[];
  /** Paths are `/<index of the event in its submission>`. */
  errors: EventIssue[];
}

interface Submission {
  events: OpenLineageEvent[];
  actor: string | undefined;
  resolve(outcome: CommitOutcome): void;
  reject(error: unknown): void;
}

/** A group never grows past this many events, so one commit (and the wait behind it) stays short. */
const MAX_GROUP_EVENTS = 2_000;

/** A refusal of one event, as its submission reports it. */
function eventIssues(index: number, error: ChangesetRejectedError): EventIssue[] {
  if (error instanceof StoreRefusedError) {
    return [{ path: `/${index}`, message: `the database refused this event (SQLSTATE ${error.sqlState ?? 'unknown'}; error id ${error.errorId})`, refusal: error }];
  }
  return error.issues.map((issue) => ({ path: `/${index}`, message: `${issue.path}: ${issue.message}` }));
}

/**
 * Every event of one submission, committed one changeset per event, in order: the slow path, taken
 * only when the store refused the coalesced changeset, to find out which events it refuses and
 * still commit the others.
 */
async function commitOneByOne(store: GraphStore, submission: Submission): Promise<CommitOutcome> {
  const results: (ApplyResult | null)[] = [];
  const errors: EventIssue[] = [];
  for (const [i, event] of submission.events.entries()) {
    try {
      results.push(await store.apply(await coalescedChangeset(store, [event]), { actor: submission.actor }));
      await recordQuality(store, [event]);
    } catch (error) {
      if (!(error instanceof ChangesetRejectedError)) throw error;
      results.push(null);
      errors.push(...eventIssues(i, error));
    }
  }
  return { results, errors };
}

/** A submission's outcome, or the fault that kept it from committing (its request alone fails). */
type Settled = { outcome: CommitOutcome } | { fault: unknown };

/**
 * The submissions' events as one changeset. When that fails, each submission is tried on its own,
 * and one the store refuses event by event: a bad event costs its own batch the fast path but
 * never makes the store lose another request's events, nor its own batch's good ones. Any failure
 * of the group is retried this way, not only a refusal: a fault that one request's events cause
 * (a bug, a value nothing knew to refuse) then fails that request alone.
 */
async function commitTogether(store: GraphStore, submissions: Submission[]): Promise<Settled[]> {
  const events = submissions.flatMap((submission) => submission.events);
  try {
    const result = await store.apply(await coalescedChangeset(store, events), { actor: submissions[0]!.actor });
    await recordQuality(store, events);
    return submissions.map((submission) => ({ outcome: { results: submission.events.map(() => result), errors: [] } }));
  } catch (error) {
    if (submissions.length > 1) {
      const settled: Settled[] = [];
      for (const submission of submissions) settled.push(...(await commitTogether(store, [submission])));
      return settled;
    }
    if (!(error instanceof ChangesetRejectedError)) return [{ fault: error }];
    try {
      return [{ outcome: await commitOneByOne(store, submissions[0]!) }];
    } catch (fault) {
      return [{ fault }];
    }
  }
}

/**
 * Group commit for one store in one process. Events are mapped against what earlier events did, so
 * batches must not interleave; instead of waiting in line one by one, the submissions that arrive
 * while a commit is running are committed together as the next one. Under load a commit carries
 * the events of many requests; when idle, a request is committed at once, with no added delay.
 */
class GroupCommitter {
  private readonly waiting: Submission[] = [];
  private running = false;

  constructor(private readonly store: GraphStore) {}

  get state(): CommitQueue {
    return { committing: this.running, waiting: this.waiting.length };
  }

  submit(events: OpenLineageEvent[], actor: string | undefined): Promise<CommitOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ events, actor, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.nextGroup();
        try {
          const settled = await commitTogether(this.store, group);
          group.forEach((submission, i) => {
            const one = settled[i]!;
            if ('outcome' in one) submission.resolve(one.outcome);
            else submission.reject(one.fault);
          });
        } catch (error) {
          for (const submission of group) submission.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** The oldest submissions with the same actor (a changeset has one), up to MAX_GROUP_EVENTS events. */
  private nextGroup(): Submission[] {
    const group = [this.waiting.shift()!];
    let events = group[0]!.events.length;
    while (this.waiting.length > 0) {
      const next = this.waiting[0]!;
      if (next.actor !== group[0]!.actor || events + next.events.length > MAX_GROUP_EVENTS) break;
      group.push(this.waiting.shift()!);
      events += next.events.length;
    }
    return group;
  }
}

const committers = new WeakMap<GraphStore, GroupCommitter>();

/** What the group committer of a store is doing: whether a commit runs, and how many submissions wait for it. */
export interface CommitQueue {
  committing: boolean;
  waiting: number;
}

export function commitQueue(store: GraphStore): CommitQueue {
  return committers.get(store)?.state ?? { committing: false, waiting: 0 };
}

/** Commits valid events through the store's group committer (one per store and process). */
export function commitEvents(store: GraphStore, events: OpenLineageEvent[], actor?: string): Promise<CommitOutcome> {
  let committer = committers.get(store);
  if (!committer) {
    committer = new GroupCommitter(store);
    committers.set(store, committer);
  }
  return committer.submit(events, actor);
}
