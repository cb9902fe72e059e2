import type { GraphIndex } from '../../../graph-model/index/graphIndex.js';
import type { ProjectionStatus } from '../../../graph-model/neo4j/projectionFollower.js';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { isMigrated } from '../../../graph-model/store/migrate.js';
import { within } from '../../../graph-model/store/within.js';
import type { Router } from '../router.js';
import { sendJson } from '../sendJson.js';

/** The Neo4j projection's part in /readyz (server/neo4j): its state, and why it makes the server not ready. */
export interface ProjectionReadiness {
  status(): ProjectionStatus;
  reasons(status: ProjectionStatus): string[];
}

/** Versions the index may be behind the store while the server still says it is ready (default). */
export const DEFAULT_MAX_INDEX_LAG = 3;

/** How long /readyz waits for the database before it says unreachable. */
const STORE_TIMEOUT_MS = 2000;

/** `DCTX_MAX_INDEX_LAG`: a non-negative integer of versions; anything else stops the server at start. */
export function maxIndexLagFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DCTX_MAX_INDEX_LAG;
  if (raw === undefined || raw === '') return DEFAULT_MAX_INDEX_LAG;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`DCTX_MAX_INDEX_LAG must be a non-negative integer of graph versions, got "${raw}"`);
  return value;
}

/** The store's state as /readyz reads it, within a short timeout: a hung database is not a hung probe. */
async function probeStore(store: GraphStore): Promise<{ reachable: boolean; migrated: boolean; version: number | null }> {
  try {
    const read = async () => {
      const migrated = await isMigrated(store.db);
      return { migrated, version: migrated ? await store.currentVersion() : null };
    };
    return { reachable: true, ...(await within(read(), STORE_TIMEOUT_MS, 'the database did not answer in time')) };
  } catch {
    return { reachable: false, migrated: false, version: null };
  }
}

/**
 * `GET /healthz` (the process answers: liveness, never the database's state) and `GET /readyz`:
 * 200 only while the database answers and is migrated, the change feed is connected (other
 * processes' commits reach this one), and the index this server answers from is at most
 * `maxIndexLag` versions behind the store; otherwise 503 with the reasons.
 */
export function healthRoutes(router: Router, store: GraphStore, index?: GraphIndex, maxIndexLag = DEFAULT_MAX_INDEX_LAG, projection?: ProjectionReadiness): void {
  router.on('GET', '/healthz', (_req, res) => sendJson(res, 200, { status: 'ok' }));
  router.on('GET', '/readyz', async (_req, res) => {
    const { reachable, migrated, version } = await probeStore(store);
    const feed = store.feed.connected ? 'up' : 'down';
    const indexVersion = index ? index.version : null;
    const indexLag = index && version !== null ? Math.max(0, version - index.version) : null;
    const reasons: string[] = [];
    if (!reachable) reasons.push('the database does not answer');
    else if (!migrated) reasons.push('the database is not migrated');
    if (feed === 'down') reasons.push('the change feed is down: commits of other processes are not seen as they happen');
    if (indexLag !== null && indexLag > maxIndexLag) reasons.push(`the index is ${indexLag} versions behind the store (limit ${maxIndexLag})`);
    const neo4j = projection?.status();
    if (neo4j) reasons.push(...projection!.reasons(neo4j));
    const ready = reasons.length === 0;
    sendJson(res, ready ? 200 : 503, {
      status: ready ? 'ready' : 'not ready',
      ...(ready ? {} : { reasons }),
      migrated,
      version,
      feed,
      ...(index ? { indexVersion, indexLag, maxIndexLag } : {}),
      ...(neo4j ? { neo4j: { version: neo4j.version, lagVersions: neo4j.lagVersions, lagSeconds: neo4j.lagSeconds } } : {}),
    });
  });
}
