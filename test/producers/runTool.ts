import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, VENV_BIN } from '../support/pytools.js';

const run = promisify(execFile);

/**
 * Runs a program of the test venv (python, dbt-ol, ...) and returns its stdout; a non-zero exit
 * throws with its stdout and stderr, so a failing producer says why in the test's error.
 */
export async function runTool(bin: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${VENV_BIN}:${process.env.PATH ?? ''}`, VIRTUAL_ENV: path.dirname(VENV_BIN), ...options.env };
  try {
    const { stdout } = await run(path.join(VENV_BIN, bin), args, { cwd: options.cwd ?? ROOT, env, timeout: options.timeoutMs ?? 300_000, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    throw new Error(`${bin} ${args.join(' ')} exited with ${failed.code}:\n${failed.stdout ?? ''}\n${failed.stderr ?? ''}`);
  }
}

/** POSTs a GraphQL query and returns `data`, failing on any error. */
export async function graphql<T>(base: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data!;
}
