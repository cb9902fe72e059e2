import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { neo4jUnavailable, startNeo4j, type LaunchOptions, type Neo4jServer } from './neo4jLauncher.js';

/** Starting a JVM and Neo4j takes half a minute on a loaded machine; one engine serves a whole file. */
export const NEO4J_START_TIMEOUT_MS = 300_000;

/**
 * `describe` for tests against a real Neo4j. Without Java or the built launcher they are skipped,
 * saying why, except under CI=true, where that is a failure: CI must run them.
 */
export function describeWithNeo4j(title: string, body: () => void): void {
  let why: string | null;
  try {
    why = neo4jUnavailable();
  } catch (error) {
    describe(title, () => {
      it('needs Neo4j', () => {
        throw error;
      });
    });
    return;
  }
  if (why === null) {
    // A JVM starting beside the suite slows everything else in the file too (PGlite's start, a
    // PostgreSQL database's creation): its hooks get the engine's start timeout.
    vi.setConfig({ hookTimeout: NEO4J_START_TIMEOUT_MS });
    describe(title, body);
    return;
  }
  console.warn(`skipping Neo4j tests "${title}": ${why}`);
  describe.skip(`${title} (skipped: ${why})`, body);
}

/** One Neo4j for the enclosing describe, started before its tests and stopped after them. */
export function useNeo4j(options: LaunchOptions = {}): { server(): Neo4jServer; driver(): Driver } {
  let server: Neo4jServer | undefined;
  let driver: Driver | undefined;
  beforeAll(async () => {
    server = await startNeo4j(options);
    driver = testDriver(server.url);
  }, NEO4J_START_TIMEOUT_MS);
  afterAll(async () => {
    await driver?.close();
    await server?.stop();
  }, NEO4J_START_TIMEOUT_MS);
  return {
    server: () => server!,
    driver: () => driver!,
  };
}

/** A driver as the service opens one (numbers as JS numbers); the launcher has authentication off. */
export function testDriver(url: string): Driver {
  return neo4j.driver(url, undefined, { disableLosslessIntegers: true });
}

/** Empties the database between tests: the projection's nodes and its state, constraints kept. */
export async function emptyNeo4j(driver: Driver): Promise<void> {
  // CALL ... IN TRANSACTIONS runs only in an implicit (auto-commit) transaction: session.run.
  const session = driver.session();
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}
