/**
 * Regenerates the demo's step snapshots and metrics from `demo/platform/*.ts` and `demo/sql/`:
 *   npx tsx demo/generate.ts
 * Deterministic: running it twice writes the same bytes (a test checks the committed files).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_ROOT, demoFiles } from './platform/demoFiles.js';

// Steps are rewritten from scratch so that a file dropped from the platform disappears.
rmSync(path.join(DEMO_ROOT, 'steps'), { recursive: true, force: true });
const files = demoFiles();
for (const [relative, text] of files) {
  const target = path.join(DEMO_ROOT, relative);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
}
process.stdout.write(`wrote ${files.size} files under ${DEMO_ROOT}\n`);
