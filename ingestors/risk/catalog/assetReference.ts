import type { AssetKind } from '../../../graph-model/model.js';

/** An asset's identity, as written in the catalog (`kafka://prod/payments`) or resolved. */
export interface AssetIdentity {
  readonly namespace: string;
  readonly name: string;
}

/** The kinds a referenced-but-undeclared asset (a feature's source, a training table, an online store) may be given. */
export const REFERENCED_ASSET_KINDS = ['TABLE', 'VIEW', 'STREAM', 'KV_TABLE', 'FILE', 'DATASET'] as const satisfies readonly AssetKind[];
export type ReferencedAssetKind = (typeof REFERENCED_ASSET_KINDS)[number];

/** A reference to an asset the catalog reads or writes, with the kind to give it if nobody declares it. */
export interface AssetReference extends AssetIdentity {
  readonly kind?: ReferencedAssetKind;
}

/**
 * Splits `namespace/name` at the last `/`: namespaces are URIs (`kafka://prod`) and names rarely
 * contain `/` (those must use the `{ namespace, name }` form). Null when there is no usable split.
 */
export function splitQualifiedName(text: string): AssetIdentity | null {
  const slash = text.lastIndexOf('/');
  if (slash <= 0 || slash === text.length - 1) return null;
  const namespace = text.slice(0, slash);
  const name = text.slice(slash + 1);
  // `kafka://prod` alone would split into `kafka:/` and `prod`: a namespace cannot end in a separator.
  if (namespace.endsWith('/') || namespace.endsWith(':')) return null;
  return { namespace, name };
}

/** How an identity is spelt in messages and properties: `namespace/name`. */
export function qualifiedName(identity: AssetIdentity): string {
  return `${identity.namespace}/${identity.name}`;
}

/** Schemes whose datasets are streams (topics); anything else referenced without a kind is a table. */
const STREAM_SCHEMES = ['kafka', 'pulsar', 'kinesis', 'rocketmq', 'pubsub', 'eventhub', 'rabbitmq', 'nats'];
const KV_SCHEMES = ['redis', 'hbase', 'aerospike', 'cassandra', 'dynamodb', 'tair'];

/** The kind of an undeclared asset: as written, else by its namespace's scheme. */
export function referencedAssetKind(reference: AssetReference): ReferencedAssetKind {
  if (reference.kind) return reference.kind;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(reference.namespace)?.[1]?.toLowerCase();
  if (scheme !== undefined && STREAM_SCHEMES.includes(scheme)) return 'STREAM';
  if (scheme !== undefined && KV_SCHEMES.includes(scheme)) return 'KV_TABLE';
  return 'TABLE';
}
