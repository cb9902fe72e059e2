/**
 * Writes the demo's step snapshots (demo/steps/, not committed) and its metrics file (committed)
 * from `demo/platform/*.ts` and `demo/sql/`:
 *   npx tsx demo/generate.ts
 * Deterministic: running it twice writes the same bytes (a test checks the committed metrics).
 * `dctx demo` and `loadDemo` write the steps themselves when they are missing or stale.
 */
import { DEMO_ROOT } from './platform/demoFiles.js';
import { writeDemoFiles } from './platform/writeDemoFiles.js';

const changed = writeDemoFiles();
process.stdout.write(`demo files under ${DEMO_ROOT}: ${changed} written or removed\n`);
