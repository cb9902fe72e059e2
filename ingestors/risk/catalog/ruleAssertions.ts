import { WHOLE_ASSET } from '../../../graph-model/model.js';
import type { ExpressionReference, TryParseResult } from '../expression/index.js';
import { qualifiedName } from './assetReference.js';
import type { BuildContext } from './buildContext.js';
import type { RuleItem } from './catalogItems.js';
import { expressionLocation } from './expressionLocation.js';
import { assertItemAsset, assertItemTags, computationIdentity, itemIdentity, ownersOf } from './itemParts.js';
import { resolveRuleInputs } from './ruleInputs.js';
import type { ServiceEvents } from './serviceEvents.js';
import type { ServiceMembership } from './serviceMembership.js';

/**
 * A rule: the RULE asset (its expression as code, action, priority, purpose, status) and the
 * RULE_EVALUATION `<rule>.evaluation` that READS what the expression references and WRITES the
 * rule, each reference feeding the rule at field level. A rule whose expression does not parse is
 * kept as an asset (with `properties.syntaxError`) but gets no evaluation: its inputs are unknown.
 */
export function assertRule(context: BuildContext, item: RuleItem, parsed: TryParseResult, membership: ServiceMembership, events: ServiceEvents): void {
  const { spec } = item;
  const rule = itemIdentity(item);
  const expressionPath = [...item.origin.path, 'expression'];
  const locate = (position: { line: number; column: number }) => expressionLocation(item.origin.file, expressionPath, position);
  const baseProperties = { action: spec.action, priority: spec.priority, purpose: spec.purpose, status: spec.status, service: spec.service };
  const definition = { description: spec.description, code: { language: 'rule', text: spec.expression }, owners: ownersOf(spec.owner) };
  const tags = { ...spec.tags, ...(spec.purpose !== undefined ? { purpose: spec.purpose } : {}) };

  if (!parsed.ok) {
    const { location, exact } = locate(parsed.error);
    context.errors.push({
      location,
      message: `rule ${qualifiedName(rule)}: syntax error in expression${exact ? '' : ` (at line ${parsed.error.line}, column ${parsed.error.column} of the expression)`}: ${parsed.error.reason}; the rule is kept without its evaluation`,
      node: { type: 'ASSET', ...rule },
    });
    const properties = { ...baseProperties, syntaxError: parsed.error.message, danglingReferences: [...membership.danglingOf(item)] };
    if (assertItemAsset(context, item, 'RULE', rule, { ...definition, properties })) assertItemTags(context, rule, tags);
    return;
  }

  const locateReference = (reference: ExpressionReference) => locate(reference.position).location;
  const inputs = resolveRuleInputs(context, item, parsed.references, membership.servicesOf(item), events, locateReference);
  const properties = {
    ...baseProperties,
    functions: inputs.functions,
    variables: inputs.variables,
    danglingReferences: [...membership.danglingOf(item), ...inputs.dangling],
  };
  if (!assertItemAsset(context, item, 'RULE', rule, { ...definition, properties })) return;
  assertItemTags(context, rule, tags);

  const evaluation = computationIdentity(item, 'evaluation');
  // A retired rule's evaluation runs no more either: impact reports both apart (docs/impact.md).
  const status = spec.status === 'active' ? undefined : spec.status;
  context.builder.addComputation('RULE_EVALUATION', evaluation, { owners: ownersOf(spec.owner), properties: { rule: qualifiedName(rule), status } });
  for (const asset of inputs.reads) context.builder.reads(asset, evaluation);
  context.builder.writes(evaluation, rule);
  for (const input of inputs.fieldInputs) {
    context.builder.fieldEdge({
      computation: evaluation,
      input: { ...input.asset, field: input.field },
      output: { ...rule, field: WHOLE_ASSET },
      // A rule's decision depends on its inputs through its condition (OpenLineage INDIRECT/CONDITION).
      transformation: { type: 'INDIRECT', subtype: 'CONDITION' },
    });
  }
}
