import { unreachable, type RunState } from '../../graph-model/model.js';

/** Statuses dbt writes to run_results.json for models, seeds, snapshots, tests and freshness checks. */
const KNOWN_STATUSES = ['success', 'pass', 'warn', 'no-op', 'error', 'fail', 'runtime error', 'skipped', 'partial success'] as const;
type DbtStatus = (typeof KNOWN_STATUSES)[number];

function isKnownStatus(status: string): status is DbtStatus {
  return (KNOWN_STATUSES as readonly string[]).includes(status);
}

/** The run state of a dbt status; the raw status is kept in the run's properties as well. */
export function runStateOf(status: string): RunState {
  if (!isKnownStatus(status)) return 'OTHER';
  switch (status) {
    case 'success':
    case 'pass':
    case 'warn':
    case 'no-op':
      return 'COMPLETE';
    case 'error':
    case 'fail':
    case 'runtime error':
      return 'FAIL';
    case 'skipped':
      return 'ABORT';
    // Some microbatches failed: neither complete nor failed.
    case 'partial success':
      return 'OTHER';
    default:
      return unreachable(status);
  }
}
