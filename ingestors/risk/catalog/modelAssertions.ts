import { WHOLE_ASSET, type NodeRef } from '../../../graph-model/model.js';
import { qualifiedName, type AssetIdentity } from './assetReference.js';
import type { BuildContext } from './buildContext.js';
import type { ModelItem } from './catalogItems.js';
import { reportDangling } from './danglingReference.js';
import { assertItemAsset, assertItemTags, computationIdentity, itemIdentity, itemLocation, ownersOf } from './itemParts.js';
import { resolveNamedAsset } from './resolveNamedAsset.js';
import { servedFrom, type ServedFeature } from './servedFrom.js';

/**
 * A model: the MODEL asset whose fields are its outputs (what rules read as `model('m').score`);
 * TRAINING `<model>.training` READS the training tables and the input features and WRITES it;
 * INFERENCE `<model>.inference` READS the input features (and the online stores they are served
 * from) and WRITES it, each input feeding each output at field level.
 */
export function assertModel(context: BuildContext, item: ModelItem): void {
  const { spec } = item;
  const model = itemIdentity(item);
  const modelRef: NodeRef = { type: 'ASSET', ...model };
  const inputs: AssetIdentity[] = [];
  const optional: AssetIdentity[] = [];
  const served: ServedFeature[] = [];
  const dangling: string[] = [];
  spec.inputs.forEach((name, index) => {
    const resolved = resolveNamedAsset(context.index, context.external, 'features', name, item.defaults.features);
    if (resolved.ok) {
      inputs.push(resolved.identity);
      if (spec.optionalInputs.includes(name)) optional.push({ namespace: resolved.identity.namespace, name: resolved.identity.name });
      const store = resolved.item && servedFrom(context, resolved.item);
      if (store) served.push(store);
      return;
    }
    dangling.push(`feature('${name}')`);
    reportDangling(context, modelRef, 'model', `feature('${name}')`, resolved.reason, itemLocation(item, 'inputs', index));
  });

  const owners = ownersOf(spec.owner);
  const asserted = assertItemAsset(context, item, 'MODEL', model, {
    description: spec.description,
    fields: spec.outputs,
    owners,
    properties: { version: spec.version, defaultOutput: spec.defaultOutput, status: activeOrNot(spec.status), danglingReferences: dangling },
  });
  if (!asserted) return;
  assertItemTags(context, model, spec.tags);

  const training = computationIdentity(item, 'training');
  const status = activeOrNot(spec.status);
  context.builder.addComputation('TRAINING', training, { owners, properties: { model: qualifiedName(model), version: spec.version, status } });
  for (const table of spec.trainingTables) context.builder.reads(context.referenced.use(table), training);
  for (const input of inputs) context.builder.reads(input, training);
  context.builder.writes(training, model);

  const inference = computationIdentity(item, 'inference');
  // Inputs are REQUIRED to inference by default (docs/impact.md); `optionalInputs` are those it scores without.
  const inputSemantics = optional.length > 0 ? { optional } : undefined;
  context.builder.addComputation('INFERENCE', inference, { owners, properties: { model: qualifiedName(model), version: spec.version, status, inputSemantics } });
  for (const input of inputs) context.builder.reads(input, inference);
  // Online inference reads its input features from their online stores, as rules do.
  for (const { store } of served) context.builder.reads(store, inference);
  context.builder.writes(inference, model);
  const outputs = spec.outputs.length > 0 ? spec.outputs.map((output) => output.name) : [WHOLE_ASSET];
  const fieldInputs = [...inputs.map((input) => ({ ...input, field: WHOLE_ASSET })), ...served.map(({ store, field }) => ({ ...store, field }))];
  for (const input of fieldInputs) {
    for (const output of outputs) {
      context.builder.fieldEdge({
        computation: inference,
        input,
        output: { ...model, field: output },
        transformation: { type: 'DIRECT', subtype: 'TRANSFORMATION' },
      });
    }
  }
}

/** `status` only when the model is retired or disabled: an active model's definition stays as it was. */
function activeOrNot(status: string): string | undefined {
  return status === 'active' ? undefined : status;
}
