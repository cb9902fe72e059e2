import type { GraphReader } from '../../../graph-model/store/graphReader.js';
import type { IngestBatch, IngestError } from '../../contract.js';
import { tryParseRuleExpression, type TryParseResult } from '../expression/index.js';
import type { BuildContext } from './buildContext.js';
import { CatalogIndex } from './catalogIndex.js';
import { itemCount, type Catalog, type RuleItem } from './catalogItems.js';
import { ChangesetBuilder } from './changesetBuilder.js';
import { externalCandidates } from './externalCandidates.js';
import { ExternalAssets } from './externalAssets.js';
import { assertFeature } from './featureAssertions.js';
import { assertModel } from './modelAssertions.js';
import { ReferencedAssets } from './referencedAssets.js';
import { assertRule } from './ruleAssertions.js';
import { assertService } from './serviceAssertions.js';
import { assertServiceEvents } from './serviceEvents.js';
import { serviceMembership } from './serviceMembership.js';

export interface CatalogToChangesetOptions {
  source: string;
  /** Read access to what other sources assert, to resolve names the catalog does not declare. */
  store: GraphReader;
  /** Called once per catalog item. */
  progress?(done: number, total: number): void;
}

/**
 * Everything a catalog directory asserts, as one full changeset (a full sync must be one
 * changeset, or each part would retract the others). Its content depends only on the catalog and
 * on what other sources assert, so re-reading an unchanged catalog commits nothing.
 */
export async function catalogToChangeset(catalog: Catalog, options: CatalogToChangesetOptions): Promise<IngestBatch> {
  const index = new CatalogIndex(catalog);
  const parsedRules = new Map<RuleItem, TryParseResult>(catalog.rules.map((rule) => [rule, tryParseRuleExpression(rule.spec.expression)]));
  const external = await ExternalAssets.lookUp(options.store, options.source, externalCandidates(catalog, index, parsedRules));
  const errors: IngestError[] = [];
  const context: BuildContext = { index, external, builder: new ChangesetBuilder(), referenced: new ReferencedAssets(), errors };

  const total = itemCount(catalog);
  let done = 0;
  const onItem = () => options.progress?.(++done, total);

  const events = assertServiceEvents(context, catalog.services);
  const membership = serviceMembership(context, catalog.services, catalog.rules);
  for (const feature of catalog.features) {
    assertFeature(context, feature);
    onItem();
  }
  for (const model of catalog.models) {
    assertModel(context, model);
    onItem();
  }
  for (const rule of catalog.rules) {
    assertRule(context, rule, parsedRules.get(rule)!, membership, events);
    onItem();
  }
  for (const service of catalog.services) {
    assertService(context, service, membership, events);
    onItem();
  }
  context.referenced.assertUndeclared(context.builder, external);
  return { changeset: context.builder.changeset(options.source), errors };
}
