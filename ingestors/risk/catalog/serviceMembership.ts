import type { NodeRef } from '../../../graph-model/model.js';
import type { AssetIdentity } from './assetReference.js';
import type { BuildContext } from './buildContext.js';
import type { RuleItem, ServiceItem } from './catalogItems.js';
import { reportDangling } from './danglingReference.js';
import { itemIdentity, itemLocation } from './itemParts.js';
import { resolveNamedAsset } from './resolveNamedAsset.js';

/**
 * Which rules each decision service runs and which services each rule belongs to. A rule belongs
 * to a service when the service lists it in a rule set or the rule names the service in `service`:
 * the service READS it, and its `event.*` references read that service's event.
 */
export interface ServiceMembership {
  /** The catalog services of a rule. */
  servicesOf(rule: RuleItem): readonly ServiceItem[];
  /** The rules a service reads: catalog rules and rules other sources assert. */
  rulesOf(service: ServiceItem): readonly AssetIdentity[];
  /** References that name nothing, by the item that wrote them, as recorded in its properties. */
  danglingOf(item: RuleItem | ServiceItem): readonly string[];
}

export function serviceMembership(context: BuildContext, services: readonly ServiceItem[], rules: readonly RuleItem[]): ServiceMembership {
  const servicesByRule = new Map<RuleItem, ServiceItem[]>();
  const rulesByService = new Map<ServiceItem, Map<string, AssetIdentity>>();
  const dangling = new Map<RuleItem | ServiceItem, string[]>();
  const link = (service: ServiceItem, rule: AssetIdentity, item?: RuleItem) => {
    const ruleIds = rulesByService.get(service) ?? new Map<string, AssetIdentity>();
    rulesByService.set(service, ruleIds);
    ruleIds.set(`${rule.namespace}\u0000${rule.name}`, rule);
    if (item) {
      const linked = servicesByRule.get(item) ?? [];
      if (!linked.includes(service)) servicesByRule.set(item, [...linked, service]);
    }
  };
  const addDangling = (item: RuleItem | ServiceItem, written: string) => dangling.set(item, [...(dangling.get(item) ?? []), written]);

  for (const service of services) {
    const serviceRef: NodeRef = { type: 'ASSET', ...itemIdentity(service) };
    service.spec.ruleSets.forEach((ruleSet, setIndex) => {
      ruleSet.rules.forEach((name, ruleIndex) => {
        const resolved = resolveNamedAsset(context.index, context.external, 'rules', name, service.defaults.rules);
        if (resolved.ok) return link(service, resolved.identity, resolved.item);
        addDangling(service, `rule('${name}')`);
        reportDangling(context, serviceRef, 'service', `rule('${name}')`, resolved.reason, itemLocation(service, 'ruleSets', setIndex, 'rules', ruleIndex));
      });
    });
  }
  for (const rule of rules) {
    if (rule.spec.service === undefined) continue;
    const resolution = context.index.resolve('services', rule.spec.service, rule.defaults.services);
    if (resolution.found === 'catalog') {
      link(resolution.item, itemIdentity(rule), rule);
      continue;
    }
    // A service's event is described only by the service's own catalog entry: without it, event fields cannot be resolved.
    const reason =
      resolution.found === 'ambiguous' ? `several services are named '${rule.spec.service}'; write namespace/name` : 'no service of that name is declared in this catalog';
    addDangling(rule, `service('${rule.spec.service}')`);
    reportDangling(context, { type: 'ASSET', ...itemIdentity(rule) }, 'rule', `service('${rule.spec.service}')`, reason, itemLocation(rule, 'service'));
  }

  return {
    servicesOf: (rule) => servicesByRule.get(rule) ?? [],
    rulesOf: (service) => [...(rulesByService.get(service)?.values() ?? [])],
    danglingOf: (item) => dangling.get(item) ?? [],
  };
}
