import type { Tag } from '../../../../graph-model/model.js';

/** A tag as Marquez names it: the key, or `key=value` (the API's tag notation) when it has a value. */
export function tagName(tag: Tag): string {
  return tag.value === '' ? tag.key : `${tag.key}=${tag.value}`;
}

/** The names of the tags on `field` ('' for the node itself), sorted, each once. */
export function tagNames(tags: readonly Tag[] | undefined, field = ''): string[] {
  return [...new Set((tags ?? []).filter((t) => t.field === field).map(tagName))].sort();
}
