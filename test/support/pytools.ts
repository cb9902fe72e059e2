import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/**
 * The Python and Java tools the producer end-to-end tests drive, as .ci/pytools.sh installs them
 * (from test/python/requirements.txt and test/java/pom.xml) into .cache/pytools.
 */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PYTOOLS = path.join(ROOT, '.cache/pytools');
export const VENV_BIN = path.join(PYTOOLS, 'venv/bin');
export const PYTHON = path.join(VENV_BIN, 'python');
export const JARS = path.join(PYTOOLS, 'jars');

/** What a suite needs: a program in the venv (`python`, `dbt-ol`, `dbt`), or a jar whose name starts so. */
export type Tool = { bin: string } | { jar: string } | { module: string };

function present(tool: Tool): boolean {
  if ('bin' in tool) return existsSync(path.join(VENV_BIN, tool.bin));
  if ('jar' in tool) return existsSync(JARS) && readdirSync(JARS).some((name) => name.startsWith(tool.jar) && name.endsWith('.jar'));
  // A module: its package directory in the venv's site-packages.
  const lib = path.join(PYTOOLS, 'venv/lib');
  if (!existsSync(lib)) return false;
  return readdirSync(lib).some((python) => existsSync(path.join(lib, python, 'site-packages', tool.module)));
}

function describeTool(tool: Tool): string {
  if ('bin' in tool) return `${tool.bin} (in ${VENV_BIN})`;
  if ('jar' in tool) return `${tool.jar}*.jar (in ${JARS})`;
  return `the Python module ${tool.module} (in ${PYTOOLS}/venv)`;
}

/** The first missing tool, said so a reader knows what to run; null when all are there. */
export function pytoolsMissing(tools: Tool[]): string | null {
  const missing = tools.filter((tool) => !present(tool));
  if (missing.length === 0) return null;
  return `${missing.map(describeTool).join(', ')} missing (bash .ci/pytools.sh installs them)`;
}

/**
 * `describe` for tests that drive a real producer. Without its tools the suite is skipped, saying
 * why, except under CI=true, where a missing tool is a failure: a green CI that ran no producer
 * would hide it (as test/support/browser.ts does for chromium).
 */
export function describeWithPytools(title: string, tools: Tool[], body: () => void): void {
  const why = pytoolsMissing(tools);
  if (why === null) {
    describe(title, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(title, () => {
      it('needs its tools', () => {
        throw new Error(`${why}: CI must run the producer tests`);
      });
    });
    return;
  }
  console.warn(`skipping "${title}": ${why}`);
  describe.skip(`${title} (skipped: ${why})`, body);
}
