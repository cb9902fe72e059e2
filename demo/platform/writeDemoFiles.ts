import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_ROOT, demoFiles } from './demoFiles.js';

/** The generated step snapshots, relative to `demo/`: not committed (.gitignore), written when needed. */
export const STEPS_DIR = 'steps';

function filesUnder(root: string, dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Writes the generated demo files that are missing or differ, and removes files under `steps/`
 * the platform no longer has; returns how many it wrote or removed. Each file is written to a
 * temporary name and renamed, so a load running at the same time (two test files, two `dctx demo`)
 * reads a whole file, old or new, never half of one.
 */
export function writeDemoFiles(options: { root?: string; metrics?: boolean } = {}): number {
  const root = options.root ?? DEMO_ROOT;
  const files = demoFiles({ metrics: options.metrics });
  let changed = 0;
  for (const [relative, text] of files) {
    const target = path.join(root, relative);
    if (readOrNull(target) === text) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, target);
    changed++;
  }
  for (const relative of filesUnder(root, STEPS_DIR)) {
    if (files.has(relative) || relative.endsWith('.tmp')) continue;
    rmSync(path.join(root, relative), { force: true });
    changed++;
  }
  return changed;
}

/** The step snapshots `loadDemo` and the by-hand walk-through read (demo/README.md), written when missing or stale. */
export const ensureDemoSteps = (root?: string): number => writeDemoFiles({ root, metrics: false });
