import type { Manifest } from './loadManifest.js';

/** The package of a unique id such as `model.jaffle_shop.orders`. */
function packageOf(uniqueId: string): string | undefined {
  const part = uniqueId.split('.')[1];
  return part ? part : undefined;
}

/**
 * The dbt project a manifest describes: `metadata.project_name` (recent manifests), else the
 * package owning most models, seeds, snapshots and sources (installed packages own fewer), else
 * the namespace the caller gave.
 */
export function projectNameOf(manifest: Manifest, namespace: string): string {
  const declared = manifest.json.metadata?.project_name;
  if (declared) return declared;
  const counts = new Map<string, number>();
  const ids = [...Object.keys(manifest.json.nodes), ...Object.keys(manifest.json.sources ?? {})];
  for (const id of ids) {
    if (!/^(model|seed|snapshot|source)\./.test(id)) continue;
    const pkg = packageOf(id);
    if (pkg) counts.set(pkg, (counts.get(pkg) ?? 0) + 1);
  }
  // Ties go to the alphabetically first package, so the answer does not depend on key order.
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return ranked[0]?.[0] ?? namespace;
}
