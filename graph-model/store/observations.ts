/** What was recorded without a new graph version: nothing goes on the change feed for it. */
export type ObservationKind = 'QUALITY_RESULTS' | 'RUNS' | 'INCIDENT';

export type ObservationListener = (kind: ObservationKind) => void;

/**
 * In-process notice of writes that create no graph version: quality results, runs recorded alone,
 * incidents opened or resolved. The alert engine listens so that a cause they open or clear is
 * evaluated at once instead of at its next tick (docs/alerts.md). Told after the commit; a
 * listener that throws does not fail the write.
 */
export class Observations {
  private readonly listeners = new Set<ObservationListener>();

  on(listener: ObservationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(kind: ObservationKind): void {
    for (const listener of this.listeners) {
      try {
        listener(kind);
      } catch {
        // A listener's failure is its own: the write it is told of has committed.
      }
    }
  }
}
