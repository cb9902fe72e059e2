import { qualifiedName } from './assetReference.js';
import type { BuildContext } from './buildContext.js';
import type { ServiceItem } from './catalogItems.js';
import { resolveNamedAsset } from './resolveNamedAsset.js';
import { assertItemAsset, assertItemTags, computationIdentity, itemIdentity, ownersOf } from './itemParts.js';
import type { ServiceEvents } from './serviceEvents.js';
import type { ServiceMembership } from './serviceMembership.js';

/**
 * A decision service: the SERVICE asset, and the SERVICE_CALL `<service>.decide` that READS the
 * scene's event and every rule of the service and WRITES the service (its decisions); the rules
 * in `requiredRules` are declared REQUIRED inputs of the call (`properties.inputSemantics`).
 */
export function assertService(context: BuildContext, item: ServiceItem, membership: ServiceMembership, events: ServiceEvents): void {
  const { spec } = item;
  const service = itemIdentity(item);
  const owners = ownersOf(spec.owner);
  const asserted = assertItemAsset(context, item, 'SERVICE', service, {
    description: spec.description,
    owners,
    properties: { scene: spec.scene, ruleSets: spec.ruleSets, danglingReferences: [...membership.danglingOf(item)] },
  });
  if (!asserted) return;
  assertItemTags(context, service, spec.tags);

  const decide = computationIdentity(item, 'decide');
  // Rules are optional to a SERVICE_CALL by default (docs/impact.md): `requiredRules` says which the service cannot decide without.
  const required = spec.requiredRules
    .map((name) => resolveNamedAsset(context.index, context.external, 'rules', name, item.defaults.rules))
    .flatMap((resolved) => (resolved.ok ? [{ namespace: resolved.identity.namespace, name: resolved.identity.name }] : []));
  context.builder.addComputation('SERVICE_CALL', decide, {
    owners,
    properties: { service: qualifiedName(service), scene: spec.scene, ...(required.length > 0 ? { inputSemantics: { required } } : {}) },
  });
  context.builder.reads(events.eventOf(item), decide);
  for (const rule of membership.rulesOf(item)) context.builder.reads(rule, decide);
  context.builder.writes(decide, service);
}
