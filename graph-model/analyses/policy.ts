import { readFile } from 'node:fs/promises';
import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { contentHash } from '../canonical.js';
import { formatPath } from '../errors.js';
import { BLOCK_TAG_KEY } from './blockingDeclaration.js';
import { DEFAULT_PROPAGATING_KEYS } from './tagPropagation.js';
import { DctxError } from '../dctxError.js';

/** The tag key that declares what a consumer uses data for (rules get it from the risk catalog). */
export const PURPOSE_KEY = 'purpose';

/** Which purposes may consume data carrying a tag: `key` (any value) or `key=value`. */
export interface TagPolicy {
  tag: string;
  key: string;
  /** Undefined when the policy covers every value of the key. */
  value?: string;
  allowedPurposes: string[];
  description?: string;
}

export interface Policy {
  /** Tag keys that flow downstream, sorted. */
  propagate: string[];
  policies: TagPolicy[];
  /** sha256 of the policy's canonical JSON: an audit names the policy it applied by it. */
  hash: string;
}

export interface PolicyIssue {
  /** Where in the policy, e.g. `policies[1].allowedPurposes`. */
  path: string;
  /** 1-based; present when the policy was parsed from text. */
  line?: number;
  column?: number;
  message: string;
}

export class PolicyError extends DctxError {
  constructor(
    readonly source: string,
    readonly issues: PolicyIssue[],
  ) {
    // `file:line:column: path: message`, one per issue, as compilers and the catalog ingest report them.
    super('INVALID_POLICY', `invalid policy ${source}:\n${issues.map((i) => `  ${source}${i.line !== undefined ? `:${i.line}:${i.column}` : ''}: ${i.path}: ${i.message}`).join('\n')}`);
  }
}

const name = z.string().trim().min(1, 'must not be empty');

const policyFileSchema = z.strictObject({
  propagate: z.array(name).optional(),
  policies: z
    .array(
      z.strictObject({
        tag: name.regex(/^[^=\s]+(=.+)?$/, 'must be `key` or `key=value`'),
        allowedPurposes: z.array(name),
        description: z.string().optional(),
      }),
    )
    .default([]),
});

type PolicyFile = z.infer<typeof policyFileSchema>;

/**
 * A policy from YAML (or JSON) text:
 *
 * ```yaml
 * propagate: [pii, sensitivity]     # optional; these two by default
 * policies:
 *   - tag: pii                      # every value of the key, or pii=phone for one value
 *     allowedPurposes: [anti-fraud, aml]
 * ```
 *
 * Errors name the path and line of every problem (`PolicyError.issues`), not just the first.
 */
export function parsePolicy(text: string, source = 'policy'): Policy {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new PolicyError(
      source,
      document.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { path: '(root)', line, column: col, message: error.message.split('\n')[0]! };
      }),
    );
  }
  const locate = (path: readonly PropertyKey[], key?: string) => {
    const node = nodeAt(document, path, key);
    if (!node?.range) return {};
    const { line, col } = lineCounter.linePos(node.range[0]);
    return { line, column: col };
  };
  return policyFrom(document.toJS() ?? {}, source, locate);
}

export async function readPolicyFile(path: string): Promise<Policy> {
  return parsePolicy(await readFile(path, 'utf8'), path);
}

/** A policy from a parsed value (JSON given to the API); issues carry paths but no lines. */
export function policyFrom(
  value: unknown,
  source = 'policy',
  locate: (path: readonly PropertyKey[], key?: string) => { line?: number; column?: number } = () => ({}),
): Policy {
  const parsed = policyFileSchema.safeParse(value);
  if (!parsed.success) {
    throw new PolicyError(
      source,
      parsed.error.issues.map((issue) => {
        const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
        const path = unknownKey === undefined ? issue.path : [...issue.path, unknownKey];
        return { path: formatPath(path), ...locate(issue.path, unknownKey), message: issue.message };
      }),
    );
  }
  const issues = meaningIssues(parsed.data);
  if (issues.length > 0) throw new PolicyError(source, issues.map((i) => ({ ...i, path: formatPath(i.path), ...locate(i.path) })));
  return normalized(parsed.data);
}

/** What the schema cannot say: a policy on a key that does not propagate would never match anything. */
function meaningIssues(file: PolicyFile): { path: (string | number)[]; message: string }[] {
  const propagate = file.propagate ?? DEFAULT_PROPAGATING_KEYS;
  const issues: { path: (string | number)[]; message: string }[] = [];
  propagate.forEach((key, i) => {
    if (key === PURPOSE_KEY || key === BLOCK_TAG_KEY) issues.push({ path: ['propagate', i], message: `${key} describes a consumer, it cannot propagate` });
  });
  file.policies.forEach((policy, i) => {
    const key = policy.tag.split('=')[0]!;
    if (!propagate.includes(key)) issues.push({ path: ['policies', i, 'tag'], message: `key ${key} does not propagate; add it to propagate (now ${propagate.join(', ')})` });
  });
  return issues;
}

function normalized(file: PolicyFile): Policy {
  const propagate = [...new Set(file.propagate ?? DEFAULT_PROPAGATING_KEYS)].sort();
  const policies: TagPolicy[] = file.policies.map((p) => {
    const at = p.tag.indexOf('=');
    const key = at === -1 ? p.tag : p.tag.slice(0, at);
    return {
      tag: p.tag,
      key,
      ...(at === -1 ? {} : { value: p.tag.slice(at + 1) }),
      allowedPurposes: [...new Set(p.allowedPurposes)].sort(),
      ...(p.description !== undefined ? { description: p.description } : {}),
    };
  });
  // Descriptions are commentary: two policies that allow the same things hash the same.
  const hash = contentHash({ propagate, policies: policies.map((p) => ({ tag: p.tag, allowedPurposes: p.allowedPurposes })) });
  return { propagate, policies, hash };
}

/** The YAML node at `path` (with `key`: that key inside the map there), or the nearest existing ancestor. */
function nodeAt(document: Document.Parsed, path: readonly PropertyKey[], key?: string): Node | undefined {
  const steps = path.filter((p): p is string | number => typeof p !== 'symbol');
  if (key !== undefined) {
    const map = steps.length === 0 ? document.contents : document.getIn(steps, true);
    if (isMap(map)) {
      for (const pair of map.items) if (isPair(pair) && isScalar(pair.key) && pair.key.value === key && isNode(pair.key)) return pair.key;
    }
  }
  for (let length = steps.length; length >= 0; length--) {
    const found: unknown = length === 0 ? document.contents : document.getIn(steps.slice(0, length), true);
    if (isNode(found)) return found;
  }
  return undefined;
}
