import type { Cause, CauseSeverity, CauseSource } from '../../graph-model/alerts/cause.js';
import type { NodeRef } from '../../graph-model/model.js';

/** A cause source the test sets by hand: the causes it holds are the open ones. */
export class FixedCauses implements CauseSource {
  readonly name = 'fixed';
  causes: Cause[] = [];

  async openCauses(): Promise<Cause[]> {
    return [...this.causes];
  }

  set(...causes: Cause[]): void {
    this.causes = causes;
  }
}

export function cause(key: string, node: NodeRef, options: { fields?: string[]; severity?: CauseSeverity; since?: string; kind?: Cause['kind'] } = {}): Cause {
  return {
    key,
    kind: options.kind ?? 'ASSERTION_FAILED',
    node,
    fields: options.fields ?? [],
    severity: options.severity ?? 'MEDIUM',
    since: options.since ?? '2026-03-01T08:00:00.000Z',
    summary: `${key} failed`,
    evidence: {},
  };
}
