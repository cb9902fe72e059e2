import pg from 'pg';
import { DctxError } from '../../graph-model/dctxError.js';
import type { IngestBatch, IngestContext, Ingestor } from '../contract.js';
import { catalogChangeset } from './catalogChangeset.js';
import type { CatalogSnapshot } from './catalogSnapshot.js';
import { catalogSourceId, connectionTarget, withoutPassword, type ConnectionTarget } from './connectionTarget.js';
import { readCatalog } from './readCatalog.js';

export interface PostgresCatalogInput {
  /** `postgres://user:password@host:port/database`; the password is used to connect, never reported. */
  url: string;
  /** Read only these schemas (every user schema when absent or empty). */
  schemas?: string[];
}

/** A failure to read the catalog, with the password scrubbed from the server's or driver's message. */
export class PostgresCatalogError extends DctxError<'CATALOG_UNREADABLE'> {
  /** The SQLSTATE, when the server sent one (`code` is the kind of error, as on every DctxError). */
  readonly sqlState?: string;

  // No cause: the driver's error may carry the password this message is scrubbed of.
  constructor(message: string, sqlState?: string) {
    super('CATALOG_UNREADABLE', message);
    if (sqlState !== undefined) this.sqlState = sqlState;
  }
}

function sourceId(input: PostgresCatalogInput): string {
  return catalogSourceId(connectionTarget(input.url, input.schemas));
}

async function readSnapshot(input: PostgresCatalogInput, target: ConnectionTarget): Promise<CatalogSnapshot> {
  const client = new pg.Client({ connectionString: input.url, application_name: 'dctx ingest postgres' });
  // A connection lost while idle is reported as an event; without a listener it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await readCatalog(client, target.schemas);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown } | null)?.code;
    // Not chained as `cause`: the original error would carry the unscrubbed message along.
    throw new PostgresCatalogError(
      withoutPassword(`cannot read the catalog of ${catalogSourceId(target)}: ${message}`, target),
      typeof code === 'string' ? code : undefined,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A live PostgreSQL database's catalog as lineage: tables, partitioned and foreign tables, views and
 * materialized views with their columns and comments, each view a VIEW_DEFINITION computation
 * reading what PostgreSQL's dependency catalog says it reads, with column-level edges from its
 * definition. One full changeset for source `postgres:<host>:<port>/<database>[?schemas=a,b]`, so a
 * dropped relation ends on the next sync and stays visible at earlier versions.
 */
export const postgresCatalogIngestor: Ingestor<PostgresCatalogInput> = {
  kind: 'postgres',
  sourceId,
  async *read(input: PostgresCatalogInput, context: IngestContext): AsyncIterable<IngestBatch> {
    const target = connectionTarget(input.url, input.schemas);
    const snapshot = await readSnapshot(input, target);
    yield catalogChangeset(snapshot, {
      source: catalogSourceId(target),
      namespace: target.namespace,
      database: target.database,
      ...(context.progress ? { progress: context.progress.bind(context) } : {}),
    });
  },
};
