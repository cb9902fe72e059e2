import type { FieldDef, NodeVersion, Tag as TagRecord } from '../../graph-model/model.js';
import type { GraphQLContext } from './context.js';
import type { GraphNode } from './types/graphNode.js';
import type { AssetField, Code, Owner, Property, Tag } from './types/nodeParts.js';

/** Field and node resolvers shared by Asset and Computation: all read through the request's loaders. */
export function definitionOf(ctx: GraphQLContext, node: GraphNode): Promise<NodeVersion | null> {
  return ctx.loaders.definition.load({ id: node.id, version: node.version });
}

export async function descriptionOf(ctx: GraphQLContext, node: GraphNode): Promise<string | null> {
  return (await definitionOf(ctx, node))?.definition.description ?? null;
}

export async function ownersOf(ctx: GraphQLContext, node: GraphNode): Promise<Owner[]> {
  return ((await definitionOf(ctx, node))?.definition.owners ?? []).map((o) => ({ name: o.name, type: o.type ?? null }));
}

export async function codeOf(ctx: GraphQLContext, node: GraphNode): Promise<Code | null> {
  const code = (await definitionOf(ctx, node))?.definition.code;
  return code ? { language: code.language, text: code.text } : null;
}

export async function propertiesOf(ctx: GraphQLContext, node: GraphNode): Promise<Property[]> {
  const properties = (await definitionOf(ctx, node))?.definition.properties ?? {};
  return Object.keys(properties)
    .sort()
    .map((key) => ({ key, value: JSON.stringify(properties[key]) }));
}

function toTag(tag: TagRecord): Tag {
  return { key: tag.key, value: tag.value, field: tag.field, since: tag.fromVersion };
}

export async function tagsOf(ctx: GraphQLContext, node: GraphNode, field: string | null): Promise<Tag[]> {
  const tags = await ctx.loaders.tags.load({ id: node.id, version: node.version });
  return tags.filter((t) => field === null || t.field === field).map(toTag);
}

/** Nested fields flattened to `parent.child`, each with the tags on it. */
export async function fieldsOf(ctx: GraphQLContext, node: GraphNode): Promise<AssetField[]> {
  const [version, tags] = await Promise.all([definitionOf(ctx, node), ctx.loaders.tags.load({ id: node.id, version: node.version })]);
  const out: AssetField[] = [];
  const visit = (defs: readonly FieldDef[], prefix: string) => {
    for (const def of defs) {
      const name = prefix + def.name;
      out.push({
        name,
        type: def.type ?? null,
        description: def.description ?? null,
        tags: tags.filter((t) => t.field === name).map(toTag),
      });
      if (def.fields) visit(def.fields, `${name}.`);
    }
  };
  visit(version?.definition.fields ?? [], '');
  return out;
}
