import { unreachable, WHOLE_ASSET, type NodeRef } from '../../../graph-model/model.js';
import type { ExpressionReference } from '../expression/index.js';
import { qualifiedName, type AssetIdentity } from './assetReference.js';
import type { BuildContext } from './buildContext.js';
import type { RuleItem, ServiceItem } from './catalogItems.js';
import { reportDangling } from './danglingReference.js';
import { itemIdentity } from './itemParts.js';
import { resolveNamedAsset } from './resolveNamedAsset.js';
import { servedFrom } from './servedFrom.js';
import type { ServiceEvents } from './serviceEvents.js';

/** One input of a rule at field level: a feature's value (`''`), a model output, an event field. */
export interface RuleFieldInput {
  readonly asset: AssetIdentity;
  readonly field: string;
}

export interface RuleInputs {
  /** The assets the rule's evaluation READS. */
  readonly reads: AssetIdentity[];
  readonly fieldInputs: RuleFieldInput[];
  /** References that name nothing, as written (`feature('x')`, `model('m').score`, `event.x`). */
  readonly dangling: string[];
  /** Functions and bare variables the expression uses: not graph nodes, kept for audit. */
  readonly functions: string[];
  readonly variables: string[];
}

/** How a reference is named in errors and in `danglingReferences`. */
export function referenceText(reference: ExpressionReference): string {
  switch (reference.kind) {
    case 'FEATURE':
      return `feature('${reference.name}')`;
    case 'MODEL':
      return `model('${reference.name}')${reference.field === null ? '' : `.${reference.field}`}`;
    case 'EVENT_FIELD':
      return reference.path === '' ? 'event' : `event.${reference.path}`;
    case 'FUNCTION':
      return `${reference.name}()`;
    case 'VARIABLE':
      return reference.name;
    default:
      return unreachable(reference);
  }
}

/**
 * Resolves what a rule's expression reads: `feature('f')` to the FEATURE asset (its value is the
 * whole asset), `model('m').x` to the MODEL asset's output field `x` (`model('m')` alone to its
 * `defaultOutput`, else the whole model), `event.x` to field `x` of the event of each service the
 * rule belongs to. What cannot be resolved is reported and listed, never dropped.
 */
export function resolveRuleInputs(
  context: BuildContext,
  rule: RuleItem,
  references: readonly ExpressionReference[],
  services: readonly ServiceItem[],
  events: ServiceEvents,
  locate: (reference: ExpressionReference) => string,
): RuleInputs {
  const ruleRef: NodeRef = { type: 'ASSET', ...itemIdentity(rule) };
  const inputs: RuleInputs = { reads: [], fieldInputs: [], dangling: [], functions: [], variables: [] };
  const read = (asset: AssetIdentity, field: string | null) => {
    if (!inputs.reads.some((known) => qualifiedName(known) === qualifiedName(asset))) inputs.reads.push(asset);
    if (field !== null) inputs.fieldInputs.push({ asset, field });
  };
  const dangle = (reference: ExpressionReference, reason: string) => {
    inputs.dangling.push(referenceText(reference));
    reportDangling(context, ruleRef, 'rule', referenceText(reference), reason, locate(reference));
  };

  for (const reference of references) {
    switch (reference.kind) {
      case 'FEATURE': {
        const resolved = resolveNamedAsset(context.index, context.external, 'features', reference.name, rule.defaults.features);
        if (!resolved.ok) {
          dangle(reference, resolved.reason);
          break;
        }
        read(resolved.identity, WHOLE_ASSET);
        // At decision time the value is read from the feature's online store (docs/risk-catalog.md).
        const served = resolved.item && servedFrom(context, resolved.item);
        if (served) read(served.store, served.field);
        break;
      }
      case 'MODEL': {
        const resolved = resolveNamedAsset(context.index, context.external, 'models', reference.name, rule.defaults.models);
        if (!resolved.ok) {
          dangle(reference, resolved.reason);
          break;
        }
        const field = reference.field ?? resolved.item?.spec.defaultOutput ?? WHOLE_ASSET;
        const declared = resolved.item
          ? field === WHOLE_ASSET || resolved.item.spec.outputs.some((output) => output.name === field)
          : context.external.hasField(resolved.identity, field);
        if (declared) {
          read(resolved.identity, field);
        } else {
          // The rule still reads the model; only the field-level edge is impossible.
          read(resolved.identity, null);
          dangle(reference, `${qualifiedName(resolved.identity)} has no output '${field}'`);
        }
        break;
      }
      case 'EVENT_FIELD': {
        if (services.length === 0) {
          dangle(reference, 'the rule belongs to no service of this catalog, so it has no event');
          break;
        }
        let found = false;
        for (const service of services) {
          const event = events.eventOf(service);
          const hasField = events.hasField(event, reference.path);
          read(event, hasField ? reference.path : null);
          found ||= hasField;
        }
        if (!found) {
          const names = [...new Set(services.map((service) => qualifiedName(events.eventOf(service))))].join(', ');
          dangle(reference, `${names} declares no field '${reference.path}' (add it to the service's eventFields)`);
        }
        break;
      }
      case 'FUNCTION':
        if (!inputs.functions.includes(reference.name)) inputs.functions.push(reference.name);
        break;
      case 'VARIABLE':
        if (!inputs.variables.includes(reference.name)) inputs.variables.push(reference.name);
        break;
      default:
        unreachable(reference);
    }
  }
  return inputs;
}
