import type { IngestError } from '../../contract.js';
import type { CatalogIndex } from './catalogIndex.js';
import type { ChangesetBuilder } from './changesetBuilder.js';
import type { ExternalAssets } from './externalAssets.js';
import type { ReferencedAssets } from './referencedAssets.js';

/** What every item's assertions are built with. */
export interface BuildContext {
  readonly index: CatalogIndex;
  readonly external: ExternalAssets;
  readonly builder: ChangesetBuilder;
  /** Tables, streams and stores items read or write without declaring them. */
  readonly referenced: ReferencedAssets;
  readonly errors: IngestError[];
}
