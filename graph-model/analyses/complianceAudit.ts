import { END_OF_LIST } from '../index/edgeTable.js';
import type { VersionedGraph } from '../index/versionedGraph.js';
import { WHOLE_ASSET, unreachable, type Tag } from '../model.js';
import { asOfVersion } from './asOfVersion.js';
import { isTerminalKind } from './consumerGraph.js';
import { nodeSummary, type NodeSummary } from './nodeSummary.js';
import { PURPOSE_KEY, type Policy } from './policy.js';
import { propagateTags, type CarriedTag, type TagOrigin } from './tagPropagation.js';
import { restrictionOf, type TagRestriction } from './tagRestriction.js';
import { validTagAt } from './tagValidity.js';

export interface AuditOptions {
  /** Graph version; default the latest the index holds. The tags must be read at the same version. */
  asOf?: number;
}

/**
 * Why a node counts as a consumer: it is a rule, model or service (what data is for); or it is a
 * sink (nothing reads it at the version); or it declares a purpose (a job tagged
 * purpose=marketing that reads PII is a use of PII whatever it writes).
 */
export type ConsumerRole = 'TERMINAL' | 'SINK' | 'DECLARED_PURPOSE';

/**
 * - ALLOWED: every purpose it declares is allowed for every restricted tag reaching it;
 * - VIOLATION: some is not, or it is a rule, model or service with no purpose at all;
 * - UNDECLARED: a sink without a purpose holding restricted data: data at rest, listed for the
 *   auditor to look at, not a violation;
 * - UNRESTRICTED: only tags no policy entry matches reach it.
 */
export type ConsumerVerdict = 'ALLOWED' | 'VIOLATION' | 'UNDECLARED' | 'UNRESTRICTED';

export type ViolationKind = 'PURPOSE_NOT_ALLOWED' | 'NO_PURPOSE';

export interface ConsumedTag {
  key: string;
  value: string;
  /** Fields of the consumer it is on ('' = the node as a whole). */
  fields: string[];
  /** Each declaration that reaches the consumer, with its shortest evidence path, by (id, field). */
  origins: TagOrigin[];
  /** Null when no policy entry matches the tag. */
  restriction: TagRestriction | null;
  /** Whether consuming it is allowed for the consumer's purposes; null when undecided (UNDECLARED sink). */
  allowed: boolean | null;
}

export interface AuditConsumer extends NodeSummary {
  role: ConsumerRole;
  /** Values of its `purpose` tags, sorted; empty when it declares none. */
  purposes: string[];
  tags: ConsumedTag[];
  verdict: ConsumerVerdict;
}

export interface Violation {
  kind: ViolationKind;
  consumer: NodeSummary;
  /** The purpose not allowed; null for NO_PURPOSE. */
  purpose: string | null;
  key: string;
  value: string;
  policies: string[];
  allowedPurposes: string[];
  /** Where the tag comes from, each with an evidence path to the consumer. */
  origins: TagOrigin[];
}

export interface ComplianceAudit {
  /** The graph version audited: the same version, tags and policy give the same report. */
  version: number;
  policy: { hash: string; propagate: string[]; policies: { tag: string; allowedPurposes: string[] }[] };
  /** Every consumer of data carrying a propagating tag, by id. */
  consumers: AuditConsumer[];
  /** By consumer id, kind, purpose, key and value. */
  violations: Violation[];
  summary: { consumers: number; violations: number; byVerdict: Record<ConsumerVerdict, number>; text: string };
}

/**
 * The compliance audit of docs/design.md: propagate the policy's tags over the graph at the version,
 * find the consumers they reach (see ConsumerRole), and check each consumer's purposes against the
 * policy entries matching each tag (see restrictionOf). Tags come from GraphStore.tagsAt at that
 * version (their `purpose` and `dctx.block` tags matter too, so read all keys or at least those).
 */
export function audit(graph: VersionedGraph, tags: readonly Tag[], policy: Policy, options: AuditOptions = {}): ComplianceAudit {
  const version = asOfVersion(graph, options.asOf);
  const propagation = propagateTags(graph, tags, { asOf: version, propagate: policy.propagate });
  const purposes = purposesByNode(tags, version);
  const consumers: AuditConsumer[] = [];
  const violations: Violation[] = [];
  for (const [id, carried] of groupByNode(propagation.tags)) {
    const n = graph.nodeAt(id, version)!;
    const summary = nodeSummary(graph, n, version);
    const declared = purposes.get(id) ?? [];
    const role = roleOf(graph, n, version, summary.kind, declared);
    if (role === null) continue;
    const consumed = consumedTags(carried, policy);
    const found = judge(summary, role, declared, consumed);
    violations.push(...found);
    consumers.push({ ...summary, role, purposes: declared, tags: consumed, verdict: verdictOf(consumed, found, declared) });
  }
  violations.sort(
    (a, b) => compare(a.consumer.id, b.consumer.id) || compare(a.kind, b.kind) || compare(a.purpose ?? '', b.purpose ?? '') || compare(a.key, b.key) || compare(a.value, b.value),
  );
  return {
    version,
    policy: { hash: policy.hash, propagate: policy.propagate, policies: policy.policies.map((p) => ({ tag: p.tag, allowedPurposes: p.allowedPurposes })) },
    consumers,
    violations,
    summary: summarize(consumers, violations),
  };
}

function roleOf(graph: VersionedGraph, n: number, version: number, kind: string, purposes: string[]): ConsumerRole | null {
  if (isTerminalKind(kind)) return 'TERMINAL';
  if (!hasConsumer(graph, n, version)) return 'SINK';
  return purposes.length > 0 ? 'DECLARED_PURPOSE' : null;
}

/** The tags reaching one consumer, one entry per key=value whatever the fields, with each one's restriction. */
function consumedTags(carried: CarriedTag[], policy: Policy): ConsumedTag[] {
  const byTag = new Map<string, ConsumedTag>();
  for (const tag of carried) {
    const k = `${tag.key}\u001f${tag.value}`;
    let entry = byTag.get(k);
    if (!entry) byTag.set(k, (entry = { key: tag.key, value: tag.value, fields: [], origins: [], restriction: restrictionOf(policy, tag.key, tag.value), allowed: null }));
    if (!entry.fields.includes(tag.field)) entry.fields.push(tag.field);
    for (const origin of tag.origins) {
      const i = entry.origins.findIndex((o) => o.id === origin.id && o.field === origin.field);
      if (i === -1) entry.origins.push(origin);
      else if (origin.path.length < entry.origins[i]!.path.length) entry.origins[i] = origin;
    }
  }
  const consumed = [...byTag.values()].sort((a, b) => compare(a.key, b.key) || compare(a.value, b.value));
  for (const entry of consumed) {
    entry.fields.sort(compare);
    entry.origins.sort((a, b) => compare(a.id, b.id) || compare(a.field, b.field));
  }
  return consumed;
}

/** The consumer's violations; sets each consumed tag's `allowed` on the way. */
function judge(consumer: NodeSummary, role: ConsumerRole, purposes: string[], consumed: ConsumedTag[]): Violation[] {
  const violations: Violation[] = [];
  for (const tag of consumed) {
    const restriction = tag.restriction;
    if (restriction === null) {
      tag.allowed = true;
      continue;
    }
    const violation = (kind: ViolationKind, purpose: string | null): Violation => ({
      kind,
      consumer,
      purpose,
      key: tag.key,
      value: tag.value,
      policies: restriction.policies,
      allowedPurposes: restriction.allowedPurposes,
      origins: tag.origins,
    });
    if (purposes.length === 0) {
      switch (role) {
        case 'TERMINAL':
          tag.allowed = false;
          violations.push(violation('NO_PURPOSE', null));
          break;
        case 'SINK':
        case 'DECLARED_PURPOSE':
          tag.allowed = null;
          break;
        default:
          unreachable(role);
      }
      continue;
    }
    const refused = purposes.filter((p) => !restriction.allowedPurposes.includes(p));
    tag.allowed = refused.length === 0;
    for (const purpose of refused) violations.push(violation('PURPOSE_NOT_ALLOWED', purpose));
  }
  return violations;
}

function verdictOf(consumed: ConsumedTag[], violations: Violation[], purposes: string[]): ConsumerVerdict {
  if (violations.length > 0) return 'VIOLATION';
  if (consumed.every((t) => t.restriction === null)) return 'UNRESTRICTED';
  return purposes.length === 0 ? 'UNDECLARED' : 'ALLOWED';
}

function summarize(consumers: AuditConsumer[], violations: Violation[]): ComplianceAudit['summary'] {
  const byVerdict: Record<ConsumerVerdict, number> = { ALLOWED: 0, VIOLATION: 0, UNDECLARED: 0, UNRESTRICTED: 0 };
  for (const c of consumers) byVerdict[c.verdict]++;
  const byKind = new Map<ViolationKind, number>();
  for (const v of violations) byKind.set(v.kind, (byKind.get(v.kind) ?? 0) + 1);
  const kinds = [...byKind].sort((a, b) => compare(a[0], b[0])).map(([kind, count]) => `${count} ${kind}`);
  const text =
    `${consumers.length} consumer${consumers.length === 1 ? '' : 's'} of tagged data, ` +
    `${byVerdict.VIOLATION} in violation` +
    (violations.length > 0 ? ` (${violations.length} violation${violations.length === 1 ? '' : 's'}: ${kinds.join(', ')})` : '');
  return { consumers: consumers.length, violations: violations.length, byVerdict, text };
}

/** Purposes declared on nodes (tag `purpose` on the node itself) at the version, sorted. */
function purposesByNode(tags: readonly Tag[], version: number): Map<string, string[]> {
  const purposes = new Map<string, string[]>();
  for (const tag of tags) {
    if (tag.key !== PURPOSE_KEY || tag.field !== WHOLE_ASSET || !validTagAt(tag, version)) continue;
    const list = purposes.get(tag.nodeId) ?? [];
    if (!list.includes(tag.value)) list.push(tag.value);
    purposes.set(tag.nodeId, list);
  }
  for (const list of purposes.values()) list.sort(compare);
  return purposes;
}

/** Carried tags by node id, in id order (the propagation's order). */
function groupByNode(carried: CarriedTag[]): Map<string, CarriedTag[]> {
  const byNode = new Map<string, CarriedTag[]>();
  for (const tag of carried) {
    const list = byNode.get(tag.id);
    if (list) list.push(tag);
    else byNode.set(tag.id, [tag]);
  }
  return byNode;
}

function hasConsumer(graph: VersionedGraph, n: number, version: number): boolean {
  const E = graph.edges;
  for (let e = E.firstOut(n, version); e !== END_OF_LIST; e = E.nextOut(e, version)) {
    if (graph.nodes.versionAt(E.targetOf(e), version)) return true;
  }
  return false;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
