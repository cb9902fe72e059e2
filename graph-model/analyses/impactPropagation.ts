import { END_OF_LIST } from '../index/edgeTable.js';
import type { VersionedGraph } from '../index/versionedGraph.js';
import { WHOLE_ASSET } from '../model.js';
import { isInactive, requiresInput } from './inputSemantics.js';
import { fieldsOverlap } from './nodeSummary.js';
import type { Scratch } from './scratch.js';

/** Statuses only rise (NONE < DEGRADED < BROKEN), which is what makes the fixpoint terminate. */
export const NONE = 0;
export const DEGRADED = 1;
export const BROKEN = 2;
/** A node in the removed set itself (deleted or cut off): as broken as can be, never re-evaluated. */
export const REMOVED = 3;
const STATUS_BITS = 3;
const QUEUED = 4;
/** A computation queued because an input it requires broke (or was removed): it is broken. */
const BROKEN_INPUT = 8;

export type FieldBreak = 'READS_REMOVED_FIELD' | 'UNKNOWN_FIELD_USAGE';

/** The scratch's int buffer the worklist lives in, kept at its grown size for the next propagation. */
const WORKLIST = 0;

/**
 * The fixpoint of docs/design.md's impact rules over the graph at `version`:
 * - a computation is BROKEN when an input it requires (inputSemantics.ts) is BROKEN or REMOVED, or
 *   when it reads a removed field of a changed asset it requires (see fieldBreak); DEGRADED when
 *   an optional input is so, or when any input is DEGRADED: an optional input's failure alone
 *   never breaks it;
 * - a retired or disabled rule or model (isInactive) gets its own status but passes nothing on:
 *   it no longer runs, so its readers do not depend on it;
 * - an asset with producers (WRITES) is BROKEN when all of them are BROKEN or REMOVED, DEGRADED
 *   when some are BROKEN, REMOVED or DEGRADED; an asset without producers is never broken by others.
 * Degraded data still flows, so a DEGRADED asset does not break its readers: it degrades them.
 * Worklist evaluation: a node is re-evaluated when an input's status rises, each status rises at
 * most twice, so cycles (a job reading and writing one table) terminate at the least fixpoint —
 * a cycle never keeps itself broken.
 */
export class ImpactPropagation {
  /** Worklist entries, in the order queued; a node re-queued after its status rose is there twice. */
  private queue: Int32Array;
  private queued = 0;
  private readonly removed: number[] = [];
  private readonly cells: Uint8Array;

  constructor(
    readonly graph: VersionedGraph,
    readonly version: number,
    /** Assets whose given fields are removed or retyped, by asset. */
    readonly changedFields: Map<number, string[]>,
    /**
     * Per node, its status (low bits) and whether it waits in the worklist (QUEUED): one byte a
     * node, 1.7 MB at 1M assets, where two mark sets of 8 bytes a node miss the cache on most
     * lookups of a hub's impact (Scratch.cells: all zero on entry; `release` zeroes what the run
     * touched). The caller releases the scratch after `release`.
     */
    private readonly scratch: Scratch,
  ) {
    this.cells = scratch.cells();
    this.queue = scratch.ints(WORKLIST);
  }

  statusOf(n: number): number {
    return this.cells[n]! & STATUS_BITS;
  }

  /**
   * Zeroes every cell this propagation wrote, so the pooled cells can serve the next one: every
   * node it wrote was a removed root or went through the worklist.
   */
  release(): void {
    for (const n of this.removed) this.cells[n] = 0;
    const { queue, cells } = this;
    for (let i = 0; i < this.queued; i++) cells[queue[i]!] = 0;
    this.scratch.keepInts(WORKLIST, queue);
  }

  run(removed: number[]): void {
    for (const n of removed) {
      this.removed.push(n);
      this.cells[n] = REMOVED;
    }
    for (const n of removed) this.pushSuccessors(n);
    for (const a of this.changedFields.keys()) this.pushSuccessors(a);
    const cells = this.cells;
    for (let head = 0; head < this.queued; head++) {
      const n = this.queue[head]!;
      const cell = cells[n]!;
      cells[n] = cell & STATUS_BITS;
      const old = cell & STATUS_BITS;
      if (old === REMOVED) continue;
      // A computation with a broken input is broken whatever its other inputs: no need to read them.
      const next = this.graph.nodes.isAsset(n) ? this.evaluateAsset(n) : (cell & BROKEN_INPUT) !== 0 ? BROKEN : this.evaluateComputation(n);
      if (next <= old) continue;
      cells[n] = next;
      this.pushSuccessors(n);
    }
  }

  private enqueue(n: number): void {
    if (this.queued === this.queue.length) {
      const grown = new Int32Array(Math.max(1024, this.queue.length * 2));
      grown.set(this.queue);
      this.queue = grown;
    }
    this.queue[this.queued++] = n;
  }

  private pushSuccessors(n: number): void {
    const E = this.graph.edges;
    const cells = this.cells;
    // A retired rule or model passes its status on only to its own retired parts (evaluation -> rule).
    const inactive = isInactive(this.graph, n, this.version);
    const brokenAsset = this.graph.nodes.isAsset(n) && this.statusOf(n) >= BROKEN;
    for (let e = E.firstOut(n, this.version); e !== END_OF_LIST; e = E.nextOut(e, this.version)) {
      const m = E.targetOf(e);
      const cell = cells[m]!;
      // Statuses only rise, and nothing is above BROKEN but REMOVED: such a node cannot change.
      if ((cell & STATUS_BITS) >= BROKEN) continue;
      if (inactive && !isInactive(this.graph, m, this.version)) continue;
      const brokenInput = brokenAsset && requiresInput(this.graph, m, n, this.version) ? BROKEN_INPUT : 0;
      cells[m] = cell | QUEUED | brokenInput;
      if ((cell & QUEUED) === 0) this.enqueue(m);
    }
  }

  private evaluateComputation(c: number): number {
    const E = this.graph.edges;
    let status = NONE;
    for (let e = E.firstIn(c, this.version); e !== END_OF_LIST; e = E.nextIn(e, this.version)) {
      const input = E.sourceOf(e);
      const s = this.statusOf(input);
      if (s >= BROKEN || this.fieldBreak(c, input) !== null) {
        if (this.passesNothing(input, c)) continue;
        if (requiresInput(this.graph, c, input, this.version)) return BROKEN;
        status = DEGRADED;
      } else if (s === DEGRADED && !this.passesNothing(input, c)) status = DEGRADED;
    }
    return status;
  }

  /** A retired `input` that `reader`, still active, does not depend on any more. */
  passesNothing(input: number, reader: number): boolean {
    return isInactive(this.graph, input, this.version) && !isInactive(this.graph, reader, this.version);
  }

  private evaluateAsset(a: number): number {
    const E = this.graph.edges;
    let producers = 0;
    let broken = 0;
    let degraded = 0;
    for (let e = E.firstIn(a, this.version); e !== END_OF_LIST; e = E.nextIn(e, this.version)) {
      producers++;
      const s = this.statusOf(E.sourceOf(e));
      if (s >= BROKEN) broken++;
      else if (s === DEGRADED) degraded++;
    }
    if (producers === 0) return NONE;
    if (broken === producers) return BROKEN;
    return broken + degraded > 0 ? DEGRADED : NONE;
  }

  /**
   * Whether computation `c` breaks because `input` loses fields. It breaks when one of its field
   * edges from `input` reads a removed field (or a struct containing it, or a member of it). A
   * field edge from the whole asset ('') is a dataset-level dependency (row count, existence) that
   * survives a column drop. When `c` reads `input` with no field edges at all, which columns it uses
   * is unknown, and it is reported BROKEN (UNKNOWN_FIELD_USAGE): an impact check before a drop
   * must not miss a consumer; the reason tells the assumed from the proven.
   */
  fieldBreak(c: number, input: number): FieldBreak | null {
    // Called for every input edge a propagation looks at: skip the map when no field changed.
    if (this.changedFields.size === 0) return null;
    const removed = this.changedFields.get(input);
    if (!removed) return null;
    const F = this.graph.fieldEdges;
    let known = false;
    for (let f = F.firstByComputation(c, this.version); f !== END_OF_LIST; f = F.nextByComputation(f, this.version)) {
      if (F.inputOf(f) !== input) continue;
      known = true;
      const field = this.graph.strings.get(F.inputFieldOf(f));
      if (field !== WHOLE_ASSET && removed.some((r) => fieldsOverlap(r, field))) return 'READS_REMOVED_FIELD';
    }
    return known ? null : 'UNKNOWN_FIELD_USAGE';
  }
}
