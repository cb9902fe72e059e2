import { ChangesetRejectedError } from '../../graph-model/errors.js';
import type { ApplyResult } from '../../graph-model/model.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { coalescedChangeset } from './coalescedChangeset.js';
import { eventChangeset } from './eventChangeset.js';
import type { EventIssue, OpenLineageEvent } from './events.js';

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
      results.push(await store.apply(await eventChangeset(store, event), { actor: submission.actor }));
    } catch (error) {
      if (!(error instanceof ChangesetRejectedError)) throw error;
      results.push(null);
      errors.push(...error.issues.map((issue) => ({ path: `/${i}`, message: `${issue.path}: ${issue.message}` })));
    }
  }
  return { results, errors };
}

/**
 * The submissions' events as one changeset. When the store refuses it, each submission is tried on
 * its own, and a refused submission event by event: a bad event costs its own batch the fast path
 * but never makes the store lose another request's events, nor its own batch's good ones.
 */
async function commitTogether(store: GraphStore, submissions: Submission[]): Promise<CommitOutcome[]> {
  const events = submissions.flatMap((submission) => submission.events);
  try {
    const result = await store.apply(await coalescedChangeset(store, events), { actor: submissions[0]!.actor });
    return submissions.map((submission) => ({ results: submission.events.map(() => result), errors: [] }));
  } catch (error) {
    if (!(error instanceof ChangesetRejectedError)) throw error;
    if (submissions.length === 1) return [await commitOneByOne(store, submissions[0]!)];
    const outcomes: CommitOutcome[] = [];
    for (const submission of submissions) outcomes.push(...(await commitTogether(store, [submission])));
    return outcomes;
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
          const outcomes = await commitTogether(this.store, group);
          group.forEach((submission, i) => submission.resolve(outcomes[i]!));
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

/** Commits valid events through the store's group committer (one per store and process). */
export function commitEvents(store: GraphStore, events: OpenLineageEvent[], actor?: string): Promise<CommitOutcome> {
  let committer = committers.get(store);
  if (!committer) {
    committer = new GroupCommitter(store);
    committers.set(store, committer);
  }
  return committer.submit(events, actor);
}
