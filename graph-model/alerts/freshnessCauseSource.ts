import type { GraphReader } from '../store/graphReader.js';
import { readFreshness } from '../quality/freshness.js';
import { formatInterval } from '../quality/refreshInterval.js';
import type { Cause, CauseContext, CauseSeverity, CauseSource } from './cause.js';

type Reader = Pick<GraphReader, 'successfulWrites' | 'nodes' | 'tagsOf' | 'freshnessTouched'>;

/** Late by this many intervals or more: HIGH; less: MEDIUM. */
const HIGH_AFTER_INTERVALS = 3;

/**
 * Freshness as causes (docs/quality.md): an asset with an expected refresh interval (declared or
 * learned) that is late at `ctx.now` (past its last successful write plus the interval, by more
 * than the grace) is one LATE cause, open since it was due. The next successful write clears it.
 * An asset never written successfully has no known lateness and opens none.
 */
export class FreshnessCauseSource implements CauseSource {
  readonly name = 'freshness';

  constructor(private readonly store: Reader) {}

  async openCauses(ctx: CauseContext): Promise<Cause[]> {
    const late = (await readFreshness(this.store, null, ctx.now)).filter((f) => f.late);
    if (late.length === 0) return [];
    const nodes = new Map((await this.store.nodes(late.map((f) => f.nodeId))).map((n) => [n.id, n]));
    return late.flatMap((f): Cause[] => {
      const node = nodes.get(f.nodeId);
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
   * clock passing a due time touches nothing: the engine must also evaluate on a timer.
   */
  touchedSince(afterVersion: number): Promise<string[]> {
    return this.store.freshnessTouched(afterVersion);
  }
}
