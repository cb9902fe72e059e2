import type { GraphIndex } from '../../../graph-model/index/graphIndex.js';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';
import { isMigrated } from '../../../graph-model/store/migrate.js';
import type { Router } from '../router.js';
import { sendJson } from '../sendJson.js';

/**
 * `GET /healthz` (the process answers) and `GET /readyz` (the database is reachable and migrated,
 * and the index this server answers from is loaded, with how far it is behind the store).
 */
export function healthRoutes(router: Router, store: GraphStore, index?: GraphIndex): void {
  router.on('GET', '/healthz', (_req, res) => sendJson(res, 200, { status: 'ok' }));
  router.on('GET', '/readyz', async (_req, res) => {
    const migrated = await isMigrated(store.db);
    const version = migrated ? await store.currentVersion() : null;
    const indexVersion = index ? index.version : null;
    sendJson(res, migrated ? 200 : 503, {
      status: migrated ? 'ready' : 'not ready',
      migrated,
      version,
      ...(index ? { indexVersion, indexLag: version === null ? null : Math.max(0, version - indexVersion!) } : {}),
    });
  });
}
