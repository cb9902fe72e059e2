import { qualifiedName, referencedAssetKind, type AssetReference } from './assetReference.js';
import type { ChangesetBuilder } from './changesetBuilder.js';
import type { ExternalAssets } from './externalAssets.js';

interface Referenced {
  reference: AssetReference;
  /** Features a pipeline writes into this asset (when it is an online store): its fields. */
  storedFeatures: Set<string>;
  /** Columns feature pipelines read from it (featureFieldInputs): its fields when the catalog declares it. */
  readFields: Set<string>;
}

/**
 * Tables, streams and online stores the catalog reads or writes without declaring them. An edge
 * needs both ends to exist, so each is asserted by the catalog (kind as written, else guessed from
 * its namespace's scheme) unless the catalog declares it as an item or another source asserts it:
 * then that source's description stands and the catalog only adds edges.
 */
export class ReferencedAssets {
  private readonly byKey = new Map<string, Referenced>();

  /** Records a use; returns the reference for chaining into an edge. */
  use(reference: AssetReference): AssetReference {
    this.entry(reference);
    return reference;
  }

  /** Records that a feature pipeline writes `featureName` into the store `reference`. */
  store(reference: AssetReference, featureName: string): AssetReference {
    this.entry(reference).storedFeatures.add(featureName);
    return reference;
  }

  /** Records columns a pipeline reads from `reference`, to declare if nobody else describes it. */
  readsFields(reference: AssetReference, fields: readonly string[]): void {
    const entry = this.entry(reference);
    for (const field of fields) entry.readFields.add(field);
  }

  /** Every referenced identity, to look up among other sources. */
  references(): AssetReference[] {
    return [...this.byKey.values()].map((entry) => entry.reference);
  }

  /** Asserts the references nobody else declares; call after every item has been added. */
  assertUndeclared(builder: ChangesetBuilder, external: ExternalAssets): void {
    for (const { reference, storedFeatures, readFields } of this.byKey.values()) {
      if (builder.hasAsset(reference) || external.has(reference)) continue;
      builder.addAsset(referencedAssetKind(reference), reference, {
        fields: [...new Set([...storedFeatures, ...readFields])].sort().map((name) => ({ name })),
        properties: { referencedOnly: true },
      });
    }
  }

  private entry(reference: AssetReference): Referenced {
    const key = qualifiedName(reference);
    let entry = this.byKey.get(key);
    if (!entry) {
      // The first use that gives a kind decides it; later ones only add uses.
      entry = { reference: { namespace: reference.namespace, name: reference.name }, storedFeatures: new Set(), readFields: new Set() };
      this.byKey.set(key, entry);
    }
    if (entry.reference.kind === undefined && reference.kind !== undefined) entry.reference = reference;
    return entry;
  }
}
