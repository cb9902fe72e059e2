import { ensureBuilt } from '../../web/scripts/ensureBuilt.js';

/**
 * vitest globalSetup: the explorer's browser and HTTP tests serve web/dist, so the run builds it
 * first when it is missing or stale (a few seconds; nothing when current), once for all workers.
 */
export default function setup(): void {
  ensureBuilt((line) => process.stderr.write(`${line}\n`));
}
