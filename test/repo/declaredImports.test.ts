import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

/**
 * Every package the code imports is declared in package.json, so an install from the lockfile alone
 * brings it (a package that arrives only as another's dependency can disappear with that package's
 * next release). What runs in production (`npm start`, `dctx`) must be in `dependencies`: an install
 * with `--omit=dev` has nothing else. Tests, benchmarks, type-only imports and the explorer's sources
 * (bundled by Vite before they are served) may use `devDependencies`.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const RUNTIME_DIRS = ['server', 'graph-model', 'ingestors', 'demo', 'bin'];
const DEVELOPMENT_DIRS = ['web', 'test', 'bench'];
const SOURCE = /\.(?:ts|tsx|mts|js|mjs)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name) && !entry.parentPath.split(path.sep).includes('node_modules') && !entry.parentPath.split(path.sep).includes('dist'))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

interface Import {
  specifier: string;
  typeOnly: boolean;
}

const PATTERNS: { pattern: RegExp; typeOnly?: (match: RegExpExecArray) => boolean }[] = [
  // import x from 'p'; import { a, b } from 'p'; export * from 'p'; import type T from 'p'
  { pattern: /^\s*(?:import|export)\s+(type\s+)?[^'";]*?\bfrom\s+['"]([^'"]+)['"]/gm, typeOnly: (m) => m[1] !== undefined },
  // import 'p' (for its side effects)
  { pattern: /^\s*import\s+()['"]([^'"]+)['"]/gm },
  // await import('p'), require('p'), require.resolve('p'), and the IDE route's packageFile('p', file)
  { pattern: /\b(?:import|require|require\.resolve|packageFile)\(\s*()['"]([^'"]+)['"]/g },
];

function importsOf(text: string): Import[] {
  const found: Import[] = [];
  for (const { pattern, typeOnly } of PATTERNS) {
    for (const match of text.matchAll(pattern)) found.push({ specifier: match[2]!, typeOnly: typeOnly?.(match) ?? false });
  }
  return found;
}

const BUILTIN = new Set(builtinModules);

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or null for a relative, absolute or built-in one. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || specifier.startsWith('virtual:')) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return BUILTIN.has(name) ? null : name;
}

const THIS_FILE = 'test/repo/declaredImports.test.ts';

function undeclared(dirs: string[], allowed: (name: string, typeOnly: boolean, file: string) => boolean): string[] {
  const out: string[] = [];
  // This file's own examples are not imports.
  for (const file of dirs.flatMap(sourceFiles).filter((f) => f !== THIS_FILE)) {
    for (const { specifier, typeOnly } of importsOf(readFileSync(path.join(ROOT, file), 'utf8'))) {
      const name = packageOf(specifier);
      if (name !== null && !allowed(name, typeOnly, file)) out.push(`${file}: ${specifier}`);
    }
  }
  return [...new Set(out)].sort();
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const inDependencies = (name: string) => name in manifest.dependencies;
const declared = (name: string) => inDependencies(name) || name in manifest.devDependencies;

it('reads the imports the check relies on', () => {
  expect(importsOf("import type { A } from 'p1';\nimport {\n  b,\n  c,\n} from '@s/p2/sub';\nimport 'p3';\nconst m = await import('p4');\nexport * from './local.js';")).toEqual([
    { specifier: 'p1', typeOnly: true },
    { specifier: '@s/p2/sub', typeOnly: false },
    { specifier: './local.js', typeOnly: false },
    { specifier: 'p3', typeOnly: false },
    { specifier: 'p4', typeOnly: false },
  ]);
  expect([packageOf('@s/p2/sub'), packageOf('tsx/esm/api'), packageOf('node:fs'), packageOf('fs'), packageOf('../x.js')]).toEqual(['@s/p2', 'tsx', null, null, null]);
});

it('declares every package the service imports in dependencies (type-only imports and tests may use devDependencies)', () => {
  expect(undeclared(RUNTIME_DIRS, (name, typeOnly, file) => inDependencies(name) || ((typeOnly || isTest(file)) && declared(name)))).toEqual([]);
});

it('declares every package the explorer, the tests and the benchmarks import', () => {
  expect(undeclared(DEVELOPMENT_DIRS, declared)).toEqual([]);
});

it('keeps packages only tests and benchmarks use out of dependencies', () => {
  expect(['autocannon', 'fast-check', 'vitest', 'playwright-core'].filter(inDependencies)).toEqual([]);
});
