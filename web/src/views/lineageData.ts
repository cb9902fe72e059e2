import { graphql, type ResultOf } from '../api/graphql.ts';
import { LARGE_WALK_NODES } from '../graph/layout.ts';
import type { ViewState } from '../state/urlState.ts';

export const LineageQuery = graphql(`
  query Lineage($id: ID!, $direction: Direction!, $depth: Int!, $asOf: AsOf, $fieldLevel: Boolean!, $fields: [String!], $maxNodes: Int) {
    lineage(id: $id, direction: $direction, depth: $depth, asOf: $asOf, fieldLevel: $fieldLevel, fields: $fields, maxNodes: $maxNodes) {
      version
      truncated
      truncatedReason
      moreBeyondDepth
      nodes {
        __typename
        id
        namespace
        name
        kind
      }
      edges {
        from
        to
        kind
      }
      fields {
        id
        field
        distance
      }
      fieldEdges {
        computation
        input {
          id
          field
        }
        output {
          id
          field
        }
        transformationType
        subtype
        masking
      }
    }
  }
`);

export type LineageAnswer = ResultOf<typeof LineageQuery>['lineage'];

/**
 * The same walk in the latest version: to mark what a past version had and lost, and to draw what
 * was added since as ghosts (hence each node's kind and namespace).
 */
export const LineageIdsQuery = graphql(`
  query LineageIds($id: ID!, $direction: Direction!, $depth: Int!, $maxNodes: Int) {
    lineage(id: $id, direction: $direction, depth: $depth, maxNodes: $maxNodes) {
      version
      nodes {
        __typename
        id
        namespace
        name
        kind
      }
      edges {
        from
        to
        kind
      }
    }
  }
`);

export const NodeHeaderQuery = graphql(`
  query NodeHeader($id: ID!, $asOf: AsOf) {
    node(id: $id, asOf: $asOf) {
      __typename
      id
      namespace
      name
      kind
      ... on Asset {
        fields {
          name
          type
        }
      }
    }
  }
`);

/** The explorer asks for this many nodes at first; "load more" raises it up to the server's cap. */
export const FIRST_MAX_NODES = 2000;
/** The server's default DCTX_MAX_LINEAGE_NODES (docs/api.md): asking for more is refused. */
export const SERVER_MAX_NODES = 10_000;

/** The lineage view's walk for a URL's state: what it asks for, and what main.tsx sends before the first render. */
export function lineageVariables(state: ViewState) {
  const maxNodes = Math.min(SERVER_MAX_NODES, state.max ?? FIRST_MAX_NODES);
  return { id: state.node!, direction: state.dir, depth: state.depth, asOf: state.asOf, fieldLevel: state.level === 'field', fields: null, maxNodes };
}

/**
 * A walk that may be large: over LARGE_WALK_NODES nodes, ungrouped, at asset level, it is drawn in
 * its levels' columns before ELK's layout, which starts after the first frame. Such a page starts
 * ELK's worker only once the answer says it needs ELK first: compiling ELK (1.4 MB, 230 ms of a
 * core) beside the server's work on the answer and Cytoscape's evaluation, on two cores, delayed a
 * 5,000-node answer (docs/benchmark-log.md). Any other starts the worker at once, asking for its
 * script before the lineage, which the server would otherwise answer first.
 */
export function mayBeLargeWalk(state: ViewState): boolean {
  return lineageVariables(state).maxNodes > LARGE_WALK_NODES && state.group === 'none' && state.level === 'asset' && !state.field;
}
