import type { IncomingMessage } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { GraphQLContext, ServiceParts } from '../../graphql/context.js';
import { requestContext } from '../../graphql/context.js';
import { parseJsonBody } from '../parseJsonBody.js';
import { readBody, type BodyLimits } from '../readBody.js';
import { isGraphQLContentType, requireContentType } from '../requireJson.js';
import type { Handler, Router } from '../router.js';
import { graphqlIdeAssetRoutes, prefersHtml, sendIdePage } from './graphqlIde.js';

export const GRAPHQL_PATH = '/graphql';

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

export interface GraphQLRouteOptions {
  body: BodyLimits;
  /** Serve the GraphQL IDE (GraphiQL) to a browser asking GET /graphql for a page. */
  ide: boolean;
  /** Whether callers need a token: the IDE then opens its headers editor for one. */
  tokensRequired: boolean;
}

/**
 * `POST /graphql` (a JSON body, gzip or deflate allowed; another Content-Type is a 415) and
 * `GET /graphql?query=` (queries only), served by Apollo Server with the status codes and content
 * types of GraphQL over HTTP. Every caller needs `read`; root fields needing more (audit) are
 * checked per operation. A browser asking GET /graphql for a page (Accept: text/html) gets the
 * IDE instead, without a token (the page holds no data; its queries carry the token).
 */
export function graphqlRoute(router: Router, parts: ServiceParts, apollo: Promise<ApolloServer<GraphQLContext>>, options: GraphQLRouteOptions): void {
  const wantsIde = (req: IncomingMessage) => options.ide && req.method === 'GET' && prefersHtml(req);
  const handler: Handler = async (req, res, { url, requestId, principal }) => {
    const method = (req.method ?? 'GET').toUpperCase();
    if (wantsIde(req)) return sendIdePage(res, options.tokensRequired);
    let body: unknown = undefined;
    if (method === 'POST') {
      requireContentType(req, isGraphQLContentType, 'application/json');
      body = parseJsonBody(await readBody(req, options.body));
    }
    const server = await apollo;
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers: headerMap(req), search: url.search, body },
      context: async () => requestContext(parts, principal, requestId),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
  router.on('POST', GRAPHQL_PATH, handler, { scope: 'read', name: 'graphql', graphqlErrors: true });
  router.on('GET', GRAPHQL_PATH, handler, { scope: 'read', name: 'graphql', graphqlErrors: true, publicWhen: wantsIde });
  if (options.ide) graphqlIdeAssetRoutes(router);
}
