import { Arg, Ctx, Extensions, Query, Resolver } from 'type-graphql';
import { audit } from '../../../graph-model/analyses/complianceAudit.js';
import type { NodeSummary } from '../../../graph-model/analyses/nodeSummary.js';
import { PolicyError, parsePolicy, type Policy } from '../../../graph-model/analyses/policy.js';
import { ANALYSIS_COST, analysisComplexity } from '../complexity.js';
import { AsOfScalar, type AsOfValue } from '../asOfScalar.js';
import type { GraphQLContext } from '../context.js';
import { ErrorCode, clientError } from '../errors.js';
import { requiresScope } from '../fieldScopes.js';
import { resolveVersion } from '../graphNodes.js';
import { ComplianceAudit } from '../types/audit.js';
import type { GraphNode } from '../types/graphNode.js';

const asNode = (s: NodeSummary, version: number): GraphNode => ({ id: s.id, type: s.type, namespace: s.namespace, name: s.name, kind: s.kind, version });

/** The policy of the request, else the server's (DCTX_POLICY_FILE), else the default: propagate pii and sensitivity, restrict nothing. */
function policyOf(ctx: GraphQLContext, text: string | undefined): Policy {
  if (text === undefined) return ctx.policy;
  try {
    return parsePolicy(text, 'policy argument');
  } catch (error) {
    if (error instanceof PolicyError) throw clientError(ErrorCode.BAD_USER_INPUT, error.message, { argument: 'policy', issues: error.issues });
    throw error;
  }
}

@Resolver()
export class AuditQueries {
  @Query(() => ComplianceAudit, {
    description: 'The compliance audit: who consumes tagged data, for which purpose, and what the policy forbids. Needs the audit scope.',
    complexity: analysisComplexity(ANALYSIS_COST.wholeGraph),
  })
  @Extensions(requiresScope('audit'))
  async audit(
    @Ctx() ctx: GraphQLContext,
    @Arg('policy', () => String, { nullable: true, description: "A policy as YAML or JSON text (docs/compliance.md); default: the server's." }) policy?: string,
    @Arg('asOf', () => AsOfScalar, { nullable: true }) asOf?: AsOfValue,
  ): Promise<ComplianceAudit> {
    const applied = policyOf(ctx, policy ?? undefined);
    const version = await resolveVersion(ctx, asOf);
    // The graph and its tags at a version never change: one audit per version and policy.
    const report = await ctx.analyses.run(`audit\u0000${version}\u0000${applied.hash}`, async () => {
      const { tags } = await ctx.store.tagsAt(version);
      return audit(ctx.index, tags, applied, { asOf: version });
    });
    return {
      version: report.version,
      policyHash: report.policy.hash,
      propagate: report.policy.propagate,
      policies: report.policy.policies,
      consumers: report.consumers.map((c) => ({ node: asNode(c, version), role: c.role, purposes: c.purposes, verdict: c.verdict, tags: c.tags })),
      violations: report.violations.map((v) => ({ ...v, consumer: asNode(v.consumer, version) })),
      summary: report.summary.text,
    };
  }
}
