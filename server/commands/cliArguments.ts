import { readFileSync, statSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { ASSET_KINDS, COMPUTATION_KINDS } from '../../graph-model/model.js';
import { TEXT_LIMITS, tooLongReason, unstorableReason } from '../../graph-model/storableText.js';
import { parseTimestamp } from '../../graph-model/timestamp.js';
import { jsonSyntaxErrorOffset, positionAt } from '../http/jsonSyntaxError.js';
import { UserError } from './cliContext.js';

/**
 * Parsers of the CLI's arguments and options, run by commander before a command's action: a bad
 * value is refused with a message naming the option (`error: option '--since <version>' argument
 * 'abc' is invalid. ...`) and exit code 1, before the store is opened or anything is queried.
 */

/** An integer in [min, Number.MAX_SAFE_INTEGER], written in decimal digits only. */
function integer(value: string, min: number, what: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected ${what}.`);
  return n;
}

/** A graph version: 0 (the empty graph) or more. */
export const graphVersion = (value: string): number => integer(value, 0, 'a graph version (an integer, 0 or more)');

/** How many hops a walk may take: 0 or more. */
export const hopCount = (value: string): number => integer(value, 0, 'a number of hops (an integer, 0 or more)');

/** How many items at most (a page size, a node budget): 1 or more. */
export const positiveCount = (value: string): number => integer(value, 1, 'a positive integer');

/** A TCP port, 0 (any free one) to 65535. */
export function port(value: string): number {
  const n = integer(value, 0, 'a port number from 0 to 65535');
  if (n > 65_535) throw new InvalidArgumentError('expected a port number from 0 to 65535.');
  return n;
}

/** `--as-of`: a graph version (digits) or an RFC 3339 time or a date, checked against the calendar. */
export function asOf(value: string): string {
  if (/^\d+$/.test(value.trim())) {
    graphVersion(value);
    return value.trim();
  }
  const time = parseTimestamp(value, { date: true });
  if (!time.ok) throw new InvalidArgumentError(`expected a graph version or an RFC 3339 time (2026-11-01T10:00:00Z) or a date (2026-11-01): ${time.reason}.`);
  return value;
}

/** `--from` / `--to`: an RFC 3339 time or a date (the start of that UTC day). */
export function time(value: string): string {
  const parsed = parseTimestamp(value, { date: true });
  if (!parsed.ok) throw new InvalidArgumentError(`expected an RFC 3339 time (2026-11-01T10:00:00Z) or a date (2026-11-01): ${parsed.reason}.`);
  return value;
}

/** A namespace, name, source or actor: not blank, and a string the store can hold and index. */
export function identity(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('must not be empty.');
  const reason = unstorableReason(value) ?? tooLongReason(value, TEXT_LIMITS.identity);
  if (reason) throw new InvalidArgumentError(`it ${reason}.`);
  return value;
}

const NODE_KINDS = new Set<string>([...ASSET_KINDS, ...COMPUTATION_KINDS]);

/** `--kinds`: node kinds, comma separated, each one the graph knows. */
export function nodeKinds(value: string): string[] {
  const kinds = value
    .split(',')
    .map((kind) => kind.trim().toUpperCase())
    .filter(Boolean);
  const unknown = kinds.filter((kind) => !NODE_KINDS.has(kind));
  if (kinds.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`${unknown.length > 0 ? `unknown kind ${unknown.join(', ')}` : 'no kind given'}; expected some of ${[...NODE_KINDS].join(', ')}.`);
  }
  return kinds;
}

/** `--fields`: field names, comma separated, none empty. */
export function fieldNames(value: string): string[] {
  const fields = value.split(',').map((field) => field.trim());
  if (fields.some((field) => field === '')) throw new InvalidArgumentError('expected field names, comma separated, none empty.');
  return fields;
}

function kindOf(path: string): 'file' | 'directory' | 'missing' | 'other' {
  try {
    const info = statSync(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}

/** A path that must be an existing file. */
export function existingFile(path: string): string {
  const kind = kindOf(path);
  if (kind === 'missing') throw new InvalidArgumentError(`no such file: ${path}.`);
  if (kind !== 'file') throw new InvalidArgumentError(`${path} is ${kind === 'directory' ? 'a directory' : 'not a regular file'}; expected a file.`);
  return path;
}

/** A path that must be an existing directory. */
export function existingDirectory(path: string): string {
  const kind = kindOf(path);
  if (kind === 'missing') throw new InvalidArgumentError(`no such directory: ${path}.`);
  if (kind !== 'directory') throw new InvalidArgumentError(`${path} is not a directory.`);
  return path;
}

/** A path that must be an existing file or directory. */
export function existingPath(path: string): string {
  const kind = kindOf(path);
  if (kind === 'missing') throw new InvalidArgumentError(`no such file or directory: ${path}.`);
  if (kind === 'other') throw new InvalidArgumentError(`${path} is neither a file nor a directory.`);
  return path;
}

/** A JSON file's content; malformed JSON is the user's to fix, named by line and column. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const { line, column } = positionAt(text, jsonSyntaxErrorOffset(text));
    throw new UserError(`${path}:${line}:${column}: not valid JSON`);
  }
}

/** `--database-url`: a PostgreSQL connection URL. The message never repeats the value, which may hold a password. */
export function databaseUrl(value: string): string {
  // An empty DATABASE_URL means none: the embedded store.
  if (value === '') return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('expected a PostgreSQL URL such as postgres://user:password@host:5432/database.');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new InvalidArgumentError(`expected a postgres:// or postgresql:// URL, got a ${url.protocol}// URL.`);
  }
  return value;
}
