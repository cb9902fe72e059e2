/**
 * The shape of the synthetic risk platform at each scale: how many assets of each layer, how many
 * business domains, how big a changeset is. Everything else (names, edges) is derived from these
 * counts and a seed, so a layer never has to be held in memory to pick inputs from it.
 */

export const SCALES = ['small', 'medium', 'large'] as const;
export type Scale = (typeof SCALES)[number];

export const ASSET_COUNT: Record<Scale, number> = { small: 10_000, medium: 200_000, large: 1_000_000 };

/** The layers, upstream first. Each layer only reads layers above it, so loading in this order never names a missing node. */
export const LAYERS = ['stream', 'ods', 'dwd', 'wide', 'feature', 'model', 'rule', 'service'] as const;
export type Layer = (typeof LAYERS)[number];

/** Share of all assets per layer (features take what rounding leaves). */
const LAYER_SHARE: Record<Layer, number> = {
  stream: 0.02,
  ods: 0.18,
  dwd: 0.14,
  wide: 0.17,
  feature: 0.4,
  model: 0.005,
  rule: 0.08,
  service: 0.005,
};

export interface PlatformShape {
  scale: Scale;
  seed: number;
  assets: number;
  /** Business domains (payments, logins, ...): most reads stay inside one, as in a real warehouse. */
  domains: number;
  layerSize: Record<Layer, number>;
  /** The first `hubs` ODS tables are shared dimensions that jobs of every domain read. */
  hubs: number;
  /** Nodes per changeset while loading. */
  chunkNodes: number;
}

export function platformShape(scale: Scale, seed = 20261123, assets = ASSET_COUNT[scale]): PlatformShape {
  const layerSize = {} as Record<Layer, number>;
  let assigned = 0;
  for (const layer of LAYERS) {
    if (layer === 'feature') continue;
    layerSize[layer] = Math.round(assets * LAYER_SHARE[layer]);
    assigned += layerSize[layer];
  }
  layerSize.feature = assets - assigned;
  return { scale, seed, assets, domains: Math.max(4, Math.round(assets / 5000)), layerSize, hubs: 10, chunkNodes: 50_000 };
}
