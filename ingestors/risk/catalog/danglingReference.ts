import type { NodeRef } from '../../../graph-model/model.js';
import type { BuildContext } from './buildContext.js';

/**
 * Reports a reference that names no node. The edge cannot exist, so the referrer records the
 * reference in `properties.danglingReferences` (by the caller) and the ingest reports it here:
 * it is never dropped silently.
 */
export function reportDangling(context: BuildContext, referrer: NodeRef, what: string, written: string, reason: string, location: string): void {
  context.errors.push({
    location,
    message: `${what} ${referrer.namespace}/${referrer.name}: dangling reference ${written}: ${reason}`,
    node: referrer,
  });
}
