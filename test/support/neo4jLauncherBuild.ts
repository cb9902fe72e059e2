import { buildLauncher } from './neo4jLauncher.js';

/**
 * vitest globalSetup: builds the Neo4j launcher once for all workers when it is missing or stale.
 * A failure is printed, not thrown: the Neo4j suites then skip saying why (or fail under CI=true).
 */
export default function setup(): void {
  const reason = buildLauncher((line) => process.stderr.write(`${line}\n`));
  if (reason) process.stderr.write(`Neo4j tests will not run: ${reason}\n`);
}
