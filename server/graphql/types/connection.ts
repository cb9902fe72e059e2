import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from './pageInfo.js';

/** A page of a list: `first`/`after` in, `totalCount`, `nodes` and `pageInfo` out. */
export function connectionOf<T extends object>(name: string, item: abstract new () => T) {
  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${name} items.` })
  class Connection {
    @Field(() => Int, { description: 'Items in the whole list, not just this page.' })
    totalCount!: number;

    @Field(() => [item])
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return Connection;
}

export interface Page<T> {
  totalCount: number;
  nodes: T[];
  pageInfo: PageInfo;
}
