import { unreachable, type AssetKind, type ComputationKind } from '../../graph-model/model.js';
import type { RelationResourceType } from './resourceType.js';

/** dbt's built-in materializations; adapter-specific and custom ones are `custom`. */
export type Materialization = 'table' | 'incremental' | 'view' | 'materialized_view' | 'ephemeral' | 'seed' | 'snapshot' | 'custom';

/** What a node builds: seeds and snapshots are their own materialization, models default to view (as dbt does). */
export function materializationOf(resourceType: Exclude<RelationResourceType, 'source'>, configured: string | null | undefined): Materialization {
  switch (resourceType) {
    case 'seed':
      return 'seed';
    case 'snapshot':
      return 'snapshot';
    case 'model':
      break;
    default:
      return unreachable(resourceType);
  }
  switch (configured ?? 'view') {
    case 'table':
      return 'table';
    case 'incremental':
      return 'incremental';
    case 'view':
      return 'view';
    case 'materialized_view':
      return 'materialized_view';
    case 'ephemeral':
      return 'ephemeral';
    default:
      return 'custom';
  }
}

/** The asset a materialization leaves in the warehouse; an ephemeral model leaves none (it is inlined as a CTE). */
export function assetKindOf(materialization: Materialization): AssetKind | null {
  switch (materialization) {
    case 'table':
    case 'incremental':
    case 'seed':
    case 'snapshot':
      return 'TABLE';
    case 'view':
    case 'materialized_view':
      return 'VIEW';
    case 'ephemeral':
      return null;
    case 'custom':
      return 'DATASET';
    default:
      return unreachable(materialization);
  }
}

/** The computation that builds a materialization's relation; null for ephemeral models, which run inside their consumers. */
export function computationKindOf(materialization: Materialization): ComputationKind | null {
  switch (materialization) {
    case 'view':
    case 'materialized_view':
      return 'VIEW_DEFINITION';
    case 'table':
    case 'incremental':
    case 'seed':
    case 'snapshot':
    case 'custom':
      return 'BATCH_JOB';
    case 'ephemeral':
      return null;
    default:
      return unreachable(materialization);
  }
}
