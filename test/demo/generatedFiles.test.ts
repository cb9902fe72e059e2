import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { DEMO_ROOT, demoFiles, METRICS_FILE } from '../../demo/platform/demoFiles.js';

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(DEMO_ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(DEMO_ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

it('the committed demo files are exactly what demo/generate.ts writes, and generating is deterministic', () => {
  const generated = demoFiles();
  expect(demoFiles()).toEqual(generated);
  expect([...filesUnder('steps'), METRICS_FILE].sort()).toEqual([...generated.keys()].sort());
  const stale = [...generated].filter(([file, text]) => readFileSync(path.join(DEMO_ROOT, file), 'utf8') !== text).map(([file]) => file);
  expect(stale, 'run `npx tsx demo/generate.ts`').toEqual([]);
});
