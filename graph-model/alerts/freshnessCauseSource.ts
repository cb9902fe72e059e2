import type { GraphReader } from '../store/graphReader.js';
import { FreshnessTracker, type RefreshStats } from '../quality/freshnessTracker.js';
import { formatInterval } from '../quality/refreshInterval.js';
import type { Cause, CauseContext, CauseSeverity, CauseSource } from './cause.js';

type Reader = Pick<GraphReader, 'currentVersion' | 'successfulWrites' | 'nodes' | 'tagsOf' | 'freshnessTouched'>;

/** Late by this many intervals or more: HIGH; less: MEDIUM. */
const HIGH_AFTER_INTERVALS = 3;

/**
 * Freshness as causes (docs/quality.md): an asset with an expected refresh interval (declared or
 * learned) that is late at `ctx.now` (past its last successful write plus the interval, by more
 * than the grace) is one LATE cause, open since it was due. The next successful write clears it.
 * An asset never written successfully has no known lateness and opens none. The written assets'
 * inputs are held by a FreshnessTracker: each evaluation re-reads only the assets whose writes,
 * writers, declaration or tags changed since the previous one, and compares the rest with the clock.
 */
export class FreshnessCauseSource implements CauseSource {
  readonly name = 'freshness';

  private readonly tracker: FreshnessTracker;

  constructor(private readonly store: Reader) {
    this.tracker = new FreshnessTracker(store);
  }

  /** What the last evaluation's refresh read (assets re-read, version tables asked), for the bench and tests. */
  get lastRefresh(): RefreshStats | null {
    return this.tracker.lastRefresh;
  }

  async openCauses(ctx: CauseContext): Promise<Cause[]> {
    await this.tracker.refresh(ctx.graph);
    return this.tracker.late(ctx.now).flatMap((f): Cause[] => {
      const node = this.tracker.node(f.nodeId);
      if (!node) return [];
      const interval = f.expectedIntervalMs!;
      const severity: CauseSeverity = f.lateByMs! >= interval * HIGH_AFTER_INTERVALS ? 'HIGH' : 'MEDIUM';
      return [
        {
          key: `late:${f.nodeId}`,
          kind: 'LATE',
          node: { type: node.type, namespace: node.namespace, name: node.name },
          fields: [],
          severity,
          since: f.dueAt!,
          summary: `${formatInterval(f.lateByMs!)} late (expected every ${formatInterval(interval)})`,
          evidence: {
            expectedIntervalSeconds: interval / 1000,
            origin: f.origin,
            lastSuccessfulWrite: f.lastSuccessfulWrite,
            dueAt: f.dueAt,
            lateBySeconds: f.lateByMs! / 1000,
            samples: f.samples,
          },
        },
      ];
    });
  }

  /**
   * Assets whose writes, writers, declaration or freshness tags changed after `afterVersion`. The
   * clock passing a due time touches nothing: the engine must also evaluate on a timer. An engine
   * following the graph knows the graph's part already: only runs and tags are read then.
   */
  touchedSince(afterVersion: number, ctx?: CauseContext): Promise<string[]> {
    return this.store.freshnessTouched(afterVersion, { graph: ctx?.graph === undefined });
  }
}
