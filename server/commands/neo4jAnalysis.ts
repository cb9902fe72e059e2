import { lineageBackendFromEnv, neo4jConfigFromEnv, Neo4jConfigError, openNeo4jDriver } from '../../graph-model/neo4j/neo4jConfig.js';
import { Neo4jImpact } from '../../graph-model/neo4j/neo4jImpact.js';
import { Neo4jLineage } from '../../graph-model/neo4j/neo4jLineage.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { UserError, type CliContext } from './cliContext.js';
import { resolveCliAsOf } from './analysisContext.js';

/** The projection answering `dctx lineage` and `dctx impact` with DCTX_LINEAGE_BACKEND=neo4j, at one version. */
export interface Neo4jAnalysis {
  store: GraphStore;
  lineage: Neo4jLineage;
  impact: Neo4jImpact;
  version: number;
}

/** Whether DCTX_LINEAGE_BACKEND asks the CLI's lineage and impact to read Neo4j rather than load the index. */
export function cliUsesNeo4j(): boolean {
  try {
    return lineageBackendFromEnv() === 'neo4j';
  } catch (error) {
    if (error instanceof Neo4jConfigError) throw new UserError(error.message);
    throw error;
  }
}

/**
 * Runs `fn` on the store and the Neo4j projection, at the version `asOf` names, or without it at
 * the newest version the projection holds (the store's latest at most), as the server answers; an
 * asOf the projection does not hold yet is refused. No index is loaded: the walks are Cypher.
 */
export async function withNeo4jAnalysis<T>(cli: CliContext, asOf: string | undefined, fn: (analysis: Neo4jAnalysis) => Promise<T>): Promise<T> {
  let config;
  try {
    config = neo4jConfigFromEnv()!;
  } catch (error) {
    if (error instanceof Neo4jConfigError) throw new UserError(error.message);
    throw error;
  }
  return cli.withStore(async (store) => {
    const driver = openNeo4jDriver(config);
    try {
      const lineage = new Neo4jLineage(driver, config.database);
      let version = await resolveCliAsOf(store, asOf);
      const projected = await lineage.version();
      if (asOf === undefined) version = Math.min(version, projected);
      else if (version > projected) throw new UserError(`graph version ${version} is ahead of the Neo4j projection (at version ${projected}): dctx neo4j sync`);
      return await fn({ store, lineage, impact: new Neo4jImpact(driver, config.database), version });
    } finally {
      await driver.close();
    }
  });
}
