import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DctxError } from '../dctxError.js';

export class DataDirInUseError extends DctxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('DATA_DIR_IN_USE', message, options);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is PostgreSQL in this process: two processes writing one data directory would corrupt it.
 * A pid file makes the second process refuse with a clear message; a lock left by a killed
 * process (its pid no longer alive) is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'dctx.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new DataDirInUseError(
          `the embedded store in ${dataDir} is in use by process ${holder}; stop it first, ` +
            'or share one PostgreSQL store between processes with DATABASE_URL',
        );
      }
      unlinkSync(path);
    }
  }
  throw new DataDirInUseError(`could not lock the embedded store in ${dataDir}`);
}
