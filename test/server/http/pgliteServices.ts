import { afterAll, beforeAll } from 'vitest';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import type { ServerOptions } from '../../../server/http/createServer.js';
import { createTestDatabase, type TestDatabase } from '../../support/engines.js';
import { startGraphQL, type RunningService } from '../graphql/graphqlClient.js';

type ServiceOptions = Omit<ServerOptions, 'store' | 'index'>;

/**
 * One PGlite store for a test file (filled by `seed`, if given), and a real service on it per
 * entry of `services`, each on its own port: started before the file's tests, closed after them.
 */
export function usePgliteServices<Name extends string>(
  services: Record<Name, ServiceOptions>,
  seed?: (store: GraphStore) => Promise<unknown>,
): { store(): GraphStore; service(name: Name): RunningService } {
  let database: TestDatabase;
  let store: GraphStore;
  const running = new Map<Name, RunningService>();
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    store = await database.open();
    await seed?.(store);
    for (const [name, options] of Object.entries(services) as [Name, ServiceOptions][]) running.set(name, await startGraphQL(store, options));
  });
  afterAll(async () => {
    for (const service of running.values()) await service.close();
    await database?.dispose();
  });
  return {
    store: () => store,
    service(name) {
      const service = running.get(name);
      if (!service) throw new Error(`no service ${name} (beforeAll did not run?)`);
      return service;
    },
  };
}
