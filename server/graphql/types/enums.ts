import { registerEnumType } from 'type-graphql';
import { ASSET_KINDS, COMPUTATION_KINDS, type AssetKind, type ComputationKind } from '../../../graph-model/model.js';

export enum Direction {
  UPSTREAM = 'UPSTREAM',
  DOWNSTREAM = 'DOWNSTREAM',
  BOTH = 'BOTH',
}
registerEnumType(Direction, { name: 'Direction', description: 'Which way lineage walks from its start.' });

export enum ImpactMode {
  DELETE = 'DELETE',
  CUTOFF = 'CUTOFF',
  SCHEMA_CHANGE = 'SCHEMA_CHANGE',
}
registerEnumType(ImpactMode, { name: 'ImpactMode', description: 'What happens to the nodes or fields an impact check starts from.' });

export enum EdgeKind {
  READS = 'READS',
  WRITES = 'WRITES',
}
registerEnumType(EdgeKind, { name: 'EdgeKind', description: 'READS: asset to computation; WRITES: computation to asset.' });

export enum CostSplit {
  EQUAL = 'EQUAL',
  TRAFFIC = 'TRAFFIC',
}
registerEnumType(CostSplit, { name: 'CostSplit', description: "How a node's cost is split among its consumers." });

export enum UnattributedReason {
  NO_CONSUMER = 'NO_CONSUMER',
  USED_OUTSIDE_GRAPH = 'USED_OUTSIDE_GRAPH',
}
registerEnumType(UnattributedReason, {
  name: 'UnattributedReason',
  description: 'Why cost stops at a node that is no rule, model or service.',
  valuesConfig: {
    NO_CONSUMER: { description: 'Nothing in the graph reads it and no traffic is recorded: it serves nothing.' },
    USED_OUTSIDE_GRAPH: { description: 'Nothing in the graph reads it, but traffic is recorded: its consumers are missing from the catalog.' },
  },
});

/** Every node kind of the model (graph-model/model.ts), as an enum wherever a kind is an argument: a typo is refused, not matched against nothing. */
export type NodeKind = AssetKind | ComputationKind;
export const NodeKind = Object.fromEntries([...ASSET_KINDS, ...COMPUTATION_KINDS].map((kind) => [kind, kind])) as { [K in NodeKind]: K };
registerEnumType(NodeKind, { name: 'NodeKind', description: 'A kind of asset (TABLE, FEATURE, RULE...) or of computation (BATCH_JOB, FEATURE_PIPELINE...).' });
