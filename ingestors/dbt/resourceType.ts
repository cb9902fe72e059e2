/**
 * The dbt resource types that are relations in the warehouse. Everything else in a manifest
 * (tests, analyses, operations, macros, metrics, exposures...) is known but not ingested.
 */
export type RelationResourceType = 'source' | 'seed' | 'model' | 'snapshot';

export function relationResourceType(resourceType: string): RelationResourceType | null {
  switch (resourceType) {
    case 'source':
    case 'seed':
    case 'model':
    case 'snapshot':
      return resourceType;
    default:
      return null;
  }
}

/** The resource type of a unique id (`model.pkg.name` -> `model`), for items that do not state one. */
export function resourceTypeOfId(uniqueId: string): string {
  return uniqueId.split('.')[0] ?? '';
}
