import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { GraphStore, type StoreConfig } from '../../graph-model/store/graphStore.js';
import { redactUrl } from '../logger.js';
import { DctxError } from '../../graph-model/dctxError.js';

/** A failure the user can fix (bad argument, missing node): its message is printed, without a stack. */
export class UserError extends DctxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_ARGUMENT', message, options);
  }
}

/** What every command shares: the global options (store, --json) and how to print. */
export interface CliContext {
  storeConfig(): StoreConfig;
  describeStore(config: StoreConfig): string;
  json(): boolean;
  /** `value` as JSON with --json, else the table `table()` renders. */
  print(value: unknown, table: () => string): void;
  withStore<T>(fn: (store: GraphStore) => Promise<T>): Promise<T>;
}

export function cliContext(program: Command): CliContext {
  const context: CliContext = {
    storeConfig() {
      const opts = program.opts<{ databaseUrl?: string; dataDir: string }>();
      if (opts.databaseUrl) return { databaseUrl: opts.databaseUrl };
      return { dataDir: opts.dataDir };
    },
    describeStore(config) {
      return config.databaseUrl ? `PostgreSQL ${redactUrl(config.databaseUrl)}` : `embedded PGlite in ${config.dataDir}`;
    },
    json: () => program.opts<{ json: boolean }>().json,
    print(value, table) {
      process.stdout.write((context.json() ? JSON.stringify(value, null, 2) : table()) + '\n');
    },
    async withStore(fn) {
      const store = await GraphStore.open(context.storeConfig());
      try {
        return await fn(store);
      } finally {
        await store.close();
      }
    },
  };
  return context;
}

/** `k=n` for the non-zero counts of a stats object. */
export function formatStats(stats: object): string {
  return Object.entries(stats)
    .filter(([, n]) => typeof n === 'number' && n > 0)
    .map(([k, n]) => `${k}=${n}`)
    .join(' ');
}

/** Who runs the command, by default: the OS user. */
export function defaultActor(): string {
  try {
    return userInfo().username || process.env.USER || 'cli';
  } catch {
    // No passwd entry for the uid (some containers).
    return process.env.USER || 'cli';
  }
}
