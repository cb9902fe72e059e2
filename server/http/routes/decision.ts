import type { ServerResponse } from 'node:http';
import { DecisionIndex } from '../../../graph-model/decision/decisionIndex.js';
import type { RuleName } from '../../../graph-model/decision/ruleFeatures.js';
import type { GraphIndex } from '../../../graph-model/index/graphIndex.js';
import { HttpError } from '../httpError.js';
import type { Router } from '../router.js';

export const DECISION_PATH = '/v1/decision/rule-features';

const CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * `GET /v1/decision/rule-features?id=<rule node id>` (or `?namespace=..&name=..`): the rule's
 * direct and transitive features and its models' inputs at the latest graph version, from the
 * precomputed decision index. The body is a Buffer made once per rule per version; a request
 * costs a query parse and a map lookup. Shape: docs/decision-time.md.
 */
export function decisionRoute(router: Router, index: GraphIndex | undefined): void {
  const decision = index ? DecisionIndex.attach(index) : null;
  router.on(
    'GET',
    DECISION_PATH,
    (req, res) => {
      if (!decision) throw new HttpError('INDEX_UNAVAILABLE', 'decision time needs the in-memory graph index, and this server runs without one');
      const rule = ruleQuery(req.url ?? '');
      const body = decision.featuresForRuleJson(rule);
      if (body === null) throw notFound(decision, rule);
      send(res, body);
    },
    { scope: 'read', name: 'decision.ruleFeatures' },
  );
}

function send(res: ServerResponse, body: Buffer): void {
  res.writeHead(200, { 'content-type': CONTENT_TYPE, 'content-length': body.length });
  res.end(body);
}

/** Names what was asked and why there is no answer: no node at all, or a node that is not a rule. */
function notFound(decision: DecisionIndex, rule: string | RuleName): HttpError {
  const { graph, version } = decision;
  const asked = typeof rule === 'string' ? `id ${rule}` : `namespace ${rule.namespace} and name ${rule.name}`;
  const details = typeof rule === 'string' ? { id: rule, version } : { namespace: rule.namespace, name: rule.name, version };
  const n = typeof rule === 'string' ? graph.nodeAt(rule, version) : undefined;
  const kind = n !== undefined ? graph.nodes.versionAt(n, version)?.kind : undefined;
  const why = kind !== undefined ? `the node with ${asked} is a ${kind}, not a RULE` : `no RULE asset with ${asked}`;
  return new HttpError('RULE_NOT_FOUND', `${why} at graph version ${version}`, details);
}

/**
 * The rule a decision-time request names: `?id=<rule node id>` or `?namespace=..&name=..`, read
 * straight from the request target with no URLSearchParams (the endpoint answers thousands of
 * requests a second, each a lookup of a few hundred nanoseconds; parsing must not dominate).
 */
export function ruleQuery(target: string): string | RuleName {
  let id: string | undefined;
  let namespace: string | undefined;
  let name: string | undefined;
  const q = target.indexOf('?');
  if (q >= 0) {
    for (let start = q + 1; start < target.length; ) {
      let end = target.indexOf('&', start);
      if (end < 0) end = target.length;
      if (target.startsWith('id=', start)) id = decoded(target, start + 3, end, 'id');
      else if (target.startsWith('namespace=', start)) namespace = decoded(target, start + 10, end, 'namespace');
      else if (target.startsWith('name=', start)) name = decoded(target, start + 5, end, 'name');
      start = end + 1;
    }
  }
  if (id !== undefined) {
    if (namespace !== undefined || name !== undefined) throw new HttpError('BAD_QUERY', 'give either id or namespace and name, not both');
    return id;
  }
  if (namespace !== undefined && name !== undefined) return { namespace, name };
  if (namespace !== undefined) throw new HttpError('BAD_QUERY', 'name is missing: give namespace and name, or id');
  if (name !== undefined) throw new HttpError('BAD_QUERY', 'namespace is missing: give namespace and name, or id');
  throw new HttpError('BAD_QUERY', 'no rule given: use ?id=<rule node id> or ?namespace=..&name=..');
}

/** A query value, URL-decoded (`+` is a space, as forms send it); an empty value counts as absent. */
function decoded(target: string, from: number, to: number, parameter: string): string | undefined {
  if (from >= to) return undefined;
  const raw = target.slice(from, to);
  if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) return raw;
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    throw new HttpError('BAD_QUERY', `${parameter} is not valid URL encoding`, { parameter });
  }
}
