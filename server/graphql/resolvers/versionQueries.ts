import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { readVersions } from '../../../graph-model/store/operations/readVersions.js';
import type { GraphQLContext } from '../context.js';
import { pageSize } from '../paging.js';
import { GraphVersion } from '../types/changes.js';

@Resolver()
export class VersionQueries {
  @Query(() => [GraphVersion], {
    description: "The newest graph versions this server answers from, oldest first, each with its changeset's time, source, actor and counts (no changes: cheap at any size). For a time slider.",
  })
  async graphVersions(@Ctx() ctx: GraphQLContext, @Arg('last', () => Int, { nullable: true, description: 'How many (default and most: the page size).' }) last?: number): Promise<GraphVersion[]> {
    return readVersions(ctx.store.db, ctx.index.version, pageSize(ctx, last ?? ctx.limits.maxPageSize));
  }
}
