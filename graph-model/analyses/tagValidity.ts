import { toIndexVersion, validAt } from '../index/versions.js';
import type { Tag } from '../model.js';

/**
 * Whether a tag holds at `version`. The caller reads tags at the version it analyses; checking
 * again makes a list read at another version miss tags rather than invent them.
 */
export function validTagAt(tag: Tag, version: number): boolean {
  return validAt(tag.fromVersion, toIndexVersion(tag.toVersion), version);
}
