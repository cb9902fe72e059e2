import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql ships CJS (main) and ESM (module) builds without an `exports` map. Node, and so
    // type-graphql and Apollo Server, load the CJS one; Vite would pick the ESM one for our own
    // imports, and two instances of graphql refuse each other's schemas.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts', 'web/src/**/*.test.ts'],
    // Builds the explorer (web/dist) when stale, before the tests that serve it, and the Neo4j launcher (test/java).
    globalSetup: ['test/support/explorerBuild.ts', 'test/support/neo4jLauncherBuild.ts'],
    // FC_SEED / FC_PATH replay a fast-check failure.
    setupFiles: ['test/support/fastCheckSeed.ts'],
    // Each file starts PGlite instances (WASM) and may create PostgreSQL databases: keep it to the 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
