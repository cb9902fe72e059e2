/**
 * What text the store can hold, checked before anything is sent to the database: a value the
 * database refuses fails the whole transaction it is in, so it must be refused here, naming it.
 *
 * - U+0000: PostgreSQL `text` and `jsonb` cannot hold it.
 * - A lone UTF-16 surrogate: it has no UTF-8 encoding; the drivers would store U+FFFD instead, so
 *   the stored name would differ from the one its node id was derived from.
 * - Identities and the other strings inside btree-indexed columns: a btree entry holds at most
 *   2704 bytes (a third of an 8 kB page), and long keys are not always compressible. The limits
 *   below keep the widest entry (a source plus a field edge's key, in `fact_claim_open`) under
 *   2,450 bytes. Other text (descriptions, code, properties) is not indexed and is bounded only
 *   by the request size.
 * - Nesting: free-form JSON (definitions, properties, facets) is at most MAX_NESTING deep, so that
 *   hashing it and the database's JSON parser (PGlite's runs in WebAssembly with a small stack)
 *   never run out of stack.
 */

/** Maximum UTF-8 bytes of each kind of indexed string. */
export const TEXT_LIMITS = {
  /** namespace, name, source, actor, run id. */
  identity: 1024,
  /** A field name (in field edges, tags, metrics and definitions). */
  field: 512,
  tagKey: 256,
  tagValue: 512,
  /** A field edge's transformation subtype. */
  subtype: 256,
  /** A metric name. */
  metric: 256,
} as const;

/** How deep free-form JSON may nest (an object or array inside another counts one level). */
export const MAX_NESTING = 64;

type WellFormed = { isWellFormed(): boolean };

/** No lone surrogate (String.prototype.isWellFormed, which the ES2023 typings lack). */
const isWellFormed = (text: string) => (text as unknown as WellFormed).isWellFormed();

/** Whether the database can store `text` (no NUL, no lone surrogate): the fast check; unstorableReason says why not. */
export const isStorableText = (text: string) => text.indexOf('\u0000') < 0 && isWellFormed(text);

function loneSurrogateAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return i;
  }
  return -1;
}

/** The first character of `text` the database cannot store: its UTF-16 index, what it is and why it cannot be stored. */
export function firstUnstorable(text: string): { index: number; character: string; why: string } | null {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { index: nul, character: 'a NUL character (U+0000)', why: 'which the store cannot hold' };
  if (isWellFormed(text)) return null;
  const index = loneSurrogateAt(text);
  return { index, character: `a lone UTF-16 surrogate (U+${text.charCodeAt(index).toString(16).toUpperCase()})`, why: 'which is not valid Unicode' };
}

/** Why the database cannot store `text`, or null when it can. */
export function unstorableReason(text: string): string | null {
  const bad = firstUnstorable(text);
  return bad && `holds ${bad.character} at character ${bad.index + 1}, ${bad.why}`;
}

/** Why `text` is too long for an index of `maxBytes` UTF-8 bytes, or null. */
export function tooLongReason(text: string, maxBytes: number): string | null {
  // A UTF-16 code unit is at most 3 bytes of UTF-8: short strings need no count.
  if (text.length * 3 <= maxBytes) return null;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > maxBytes ? `is ${bytes} bytes long; at most ${maxBytes} bytes (UTF-8) are allowed` : null;
}

export interface TextIssue {
  /** `text`: a string or key the store cannot hold; `depth`: a container nested too deep. */
  kind: 'text' | 'depth';
  /** Keys and indexes from the value's root to the bad string, key or container. */
  path: (string | number)[];
  message: string;
}

/**
 * Whether every string and key of a JSON-shaped value can be stored, nested at most `maxDepth`
 * deep: the check run on every definition of a large changeset, so it allocates nothing per
 * value (jsonTextIssues, which spells out paths, runs only when this says no).
 */
export function isStorableJson(value: unknown, maxDepth = MAX_NESTING): boolean {
  if (typeof value === 'string') return isStorableText(value);
  if (value === null || typeof value !== 'object') return true;
  const values: unknown[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const item = values.pop()!;
    const depth = depths.pop()!;
    if (depth > maxDepth) return false;
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        const child: unknown = item[i];
        if (typeof child === 'string') {
          if (!isStorableText(child)) return false;
        } else if (child !== null && typeof child === 'object') {
          values.push(child);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    for (const key in item as Record<string, unknown>) {
      if (!isStorableText(key)) return false;
      const child = (item as Record<string, unknown>)[key];
      if (typeof child === 'string') {
        if (!isStorableText(child)) return false;
      } else if (child !== null && typeof child === 'object') {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return true;
}

/**
 * Every string and object key of a JSON-shaped value that the store cannot hold, and any
 * container nested deeper than `maxDepth` (the value itself is depth 1). Iterative, so hostile
 * nesting cannot overflow the stack here; stops after `limit` issues.
 */
export function jsonTextIssues(value: unknown, options: { maxDepth?: number; limit?: number; depthOnly?: boolean } = {}): TextIssue[] {
  const maxDepth = options.maxDepth ?? MAX_NESTING;
  const checkText = options.depthOnly !== true;
  // Almost every value is fine: the check that allocates nothing comes first.
  if (checkText && isStorableJson(value, maxDepth)) return [];
  const limit = options.limit ?? 20;
  const issues: TextIssue[] = [];
  // Paths are linked back to the parent entry and spelled out only for an issue.
  interface Entry {
    value: unknown;
    depth: number;
    parent: Entry | null;
    key: string | number;
  }
  const pathOf = (entry: Entry | null, last?: string): (string | number)[] => {
    const path: (string | number)[] = last === undefined ? [] : [last];
    for (let e = entry; e && e.parent; e = e.parent) path.push(e.key);
    return path.reverse();
  };
  const stack: Entry[] = [{ value, depth: 1, parent: null, key: '' }];
  while (stack.length > 0 && issues.length < limit) {
    const entry = stack.pop()!;
    const item = entry.value;
    if (typeof item === 'string') {
      const reason = checkText ? unstorableReason(item) : null;
      if (reason) issues.push({ kind: 'text', path: pathOf(entry), message: reason });
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (entry.depth > maxDepth) {
      issues.push({ kind: 'depth', path: pathOf(entry), message: `nests deeper than ${maxDepth} levels` });
      continue;
    }
    const depth = entry.depth + 1;
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) {
        const child: unknown = item[i];
        if (typeof child === 'string' || (child !== null && typeof child === 'object')) stack.push({ value: child, depth, parent: entry, key: i });
      }
      continue;
    }
    const keys = Object.keys(item);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k]!;
      const reason = checkText ? unstorableReason(key) : null;
      if (reason) issues.push({ kind: 'text', path: pathOf(entry, key), message: `the key ${reason}` });
      const child = (item as Record<string, unknown>)[key];
      if (typeof child === 'string' || (child !== null && typeof child === 'object')) stack.push({ value: child, depth, parent: entry, key });
    }
  }
  return issues.slice(0, limit);
}

/**
 * `text` made storable for diagnostics (ingest error messages and locations, which may quote the
 * bad input they describe): NUL and lone surrogates become U+FFFD, and text past `maxChars` is cut.
 */
export function storableDiagnostic(text: string, maxChars: number): string {
  let out = firstUnstorable(text) ? text.replace(/\u0000/g, '\ufffd') : text;
  if (!isWellFormed(out)) out = (out as unknown as { toWellFormed(): string }).toWellFormed();
  return out.length > maxChars ? `${out.slice(0, maxChars)}...` : out;
}
