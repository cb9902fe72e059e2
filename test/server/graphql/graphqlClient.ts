import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import { GraphIndex } from '../../../graph-model/index/graphIndex.js';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { createService, type ServerOptions, type Service } from '../../../server/http/createServer.js';
import { createTestDatabase, type EngineName, type TestDatabase } from '../../support/engines.js';
import { loadRiskPlatform } from './riskGraph.js';

export interface RunningService extends Service {
  base: string;
  index: GraphIndex;
  close(): Promise<void>;
}

/** The real service on a random local port, with an index loaded from the store. */
export async function startGraphQL(store: GraphStore, options: Omit<ServerOptions, 'store' | 'index'> = {}): Promise<RunningService> {
  const index = await GraphIndex.load(store);
  await index.waitFor(await store.currentVersion());
  const service = createService({ store, index, ...options });
  await new Promise<void>((resolve) => service.server.listen(0, '127.0.0.1', resolve));
  const { port } = service.server.address() as AddressInfo;
  return {
    ...service,
    index,
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        index.close();
        service.server.closeAllConnections();
        service.server.close(() => resolve());
      }),
  };
}

export interface GraphQLAnswer {
  status: number;
  contentType: string;
  body: any;
}

export async function gql(base: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLAnswer> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.json() };
}

/** The data of a query that must succeed; fails with the errors otherwise. */
export async function data(base: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<any> {
  const answer = await gql(base, query, variables, headers);
  if (answer.status !== 200 || answer.body.errors) throw new Error(`query failed (${answer.status}): ${JSON.stringify(answer.body.errors ?? answer.body)}`);
  return answer.body.data;
}

/**
 * A fresh database of `engine`, filled by `load`, served for the tests of one describe block
 * (loading the demo takes tens of seconds under load: `timeout` is the set-up's).
 */
export function useLoadedService(
  engine: EngineName,
  load: (store: GraphStore) => Promise<unknown>,
  { timeout = 180_000, server = {} }: { timeout?: number; server?: Parameters<typeof startGraphQL>[1] } = {},
): { store(): GraphStore; service(): RunningService } {
  let database: TestDatabase;
  let store: GraphStore;
  let service: RunningService;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    store = await database.open();
    await load(store);
    service = await startGraphQL(store, server);
  }, timeout);
  afterAll(async () => {
    await service?.close();
    await database?.dispose();
  });
  return { store: () => store, service: () => service };
}

/**
 * The risk platform (riskGraph.ts) on a fresh PGlite database, served with each of `options` for
 * the tests of one describe block; `service(i)` is the one started with `options[i]`.
 */
export function useRiskService(...options: Omit<ServerOptions, 'store' | 'index'>[]): { store(): GraphStore; service(i?: number): RunningService } {
  let database: TestDatabase;
  let store: GraphStore;
  const services: RunningService[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    store = await database.open();
    await loadRiskPlatform(store);
    for (const o of options.length > 0 ? options : [{}]) services.push(await startGraphQL(store, o));
  });
  afterAll(async () => {
    for (const s of services) await s.close();
    await database?.dispose();
  });
  return { store: () => store, service: (i = 0) => services[i]! };
}

/** The one error of a request refused before it ran, after checking its status and code. */
export function refused(answer: GraphQLAnswer, status: number, code: string): any {
  expect({ status: answer.status, code: answer.body.errors?.[0]?.extensions?.code }).toEqual({ status, code });
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toHaveLength(1);
  return answer.body.errors[0];
}
