import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DEMO_ROOT, demoFiles, METRICS_FILE } from '../../demo/platform/demoFiles.js';
import { ensureDemoSteps, STEPS_DIR, writeDemoFiles } from '../../demo/platform/writeDemoFiles.js';
import { stepDirectory, STEPS } from '../../demo/platform/steps.js';

function filesUnder(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

const scratch = mkdtempSync(path.join(tmpdir(), 'dctx-demo-steps-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it('generating is deterministic, and the committed metrics file is what it generates', () => {
  const generated = demoFiles();
  expect(demoFiles()).toEqual(generated);
  expect(readFileSync(path.join(DEMO_ROOT, METRICS_FILE), 'utf8'), 'run `npx tsx demo/generate.ts`').toBe(generated.get(METRICS_FILE));
});

it('writes one snapshot per step (its scripts copied from demo/sql, its catalog), then nothing more until one goes stale', () => {
  const generated = demoFiles({ metrics: false });
  expect([...generated.keys()].every((file) => file.startsWith(`${STEPS_DIR}/`))).toBe(true);
  expect(ensureDemoSteps(scratch)).toBe(generated.size);
  expect(filesUnder(scratch, STEPS_DIR).sort()).toEqual([...generated.keys()].sort());
  for (const step of STEPS) expect(readdirSync(path.join(scratch, stepDirectory(step))).sort()).toEqual(['catalog', 'sql']);
  // Step 3 drops the legacy script; steps 1 and 2 hold it as demo/sql has it.
  const legacy = 'sql/41_ads_merchant_risk_legacy.sql';
  expect(readFileSync(path.join(scratch, stepDirectory(STEPS[0]!), legacy), 'utf8')).toBe(readFileSync(path.join(DEMO_ROOT, legacy), 'utf8'));
  expect(filesUnder(scratch, stepDirectory(STEPS[2]!))).not.toContain(`${stepDirectory(STEPS[2]!)}/${legacy}`);
  expect(ensureDemoSteps(scratch)).toBe(0);

  const edited = path.join(scratch, stepDirectory(STEPS[1]!), 'catalog', 'models.yaml');
  const original = readFileSync(edited, 'utf8');
  writeFileSync(edited, 'edited by hand\n');
  const leftOver = path.join(scratch, stepDirectory(STEPS[4]!), 'sql', '99_gone.sql');
  writeFileSync(leftOver, 'SELECT 1;\n');
  expect(ensureDemoSteps(scratch)).toBe(2);
  expect(readFileSync(edited, 'utf8')).toBe(original);
  expect(filesUnder(scratch, STEPS_DIR).sort()).toEqual([...generated.keys()].sort());
  expect(readdirSync(scratch)).toEqual([STEPS_DIR]);
});

it('writes the metrics file too when asked (demo/generate.ts)', () => {
  const root = path.join(scratch, 'with-metrics');
  writeDemoFiles({ root });
  expect(readFileSync(path.join(root, METRICS_FILE), 'utf8')).toBe(readFileSync(path.join(DEMO_ROOT, METRICS_FILE), 'utf8'));
});
