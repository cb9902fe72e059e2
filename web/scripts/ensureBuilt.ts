/**
 * Builds the explorer (web/ → web/dist) when the build is missing or older than its sources, so
 * `npm start` and the test run serve a current UI without a step a user must know about. Staleness
 * is decided by a hash of the inputs' content (sources, index.html, the Vite config, the lockfile),
 * not by file times, which a checkout or a copy changes.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('..', import.meta.url));
const rootDir = join(webDir, '..');
export const DIST_DIR = join(webDir, 'dist');
const STAMP = join(DIST_DIR, '.inputs-sha256');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return entry.name.endsWith('.test.ts') ? [] : [path];
  });
}

/** The hash of everything the build reads. */
export function inputsHash(): string {
  const hash = createHash('sha256');
  const inputs = [join(webDir, 'index.html'), join(webDir, 'vite.config.ts'), join(rootDir, 'package-lock.json'), ...files(join(webDir, 'src'))].sort();
  for (const path of inputs) {
    hash.update(relative(rootDir, path));
    hash.update('\0');
    hash.update(readFileSync(path));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function isFresh(): boolean {
  return existsSync(join(DIST_DIR, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === inputsHash();
}

/** Builds when stale; returns whether it built. Throws with Vite's output when the build fails. */
export function ensureBuilt(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): boolean {
  if (isFresh()) return false;
  const hash = inputsHash();
  log('explorer: building the web UI (web/ → web/dist) …');
  const started = Date.now();
  const vite = join(rootDir, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', join(webDir, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: rootDir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`explorer build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  writeFileSync(STAMP, `${hash}\n`);
  log(`explorer: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    ensureBuilt();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
