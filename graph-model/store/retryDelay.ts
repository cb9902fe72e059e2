/**
 * The wait before retry `attempt` (from 1): exponential from `minMs`, capped at `maxMs`, with
 * "equal jitter" (half fixed, half random) so that servers which lost the database together do not
 * all reconnect in the same instant, and never wait less than half the step.
 */
export function retryDelay(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const step = Math.min(maxMs, minMs * 2 ** Math.min(Math.max(0, attempt - 1), 30));
  return step / 2 + random() * (step / 2);
}
