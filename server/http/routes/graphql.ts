import type { IncomingMessage } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { GraphQLContext, ServiceParts } from '../../graphql/context.js';
import { requestContext } from '../../graphql/context.js';
import { parseJsonBody } from '../parseJsonBody.js';
import { readBody } from '../readBody.js';
import type { Handler, Router } from '../router.js';

export const GRAPHQL_PATH = '/graphql';

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

const isJson = (req: IncomingMessage) => /^application\/(graphql-response\+)?json\b/i.test(req.headers['content-type'] ?? '');

/**
 * `POST /graphql` (JSON body) and `GET /graphql?query=` (queries only), served by Apollo Server
 * with the status codes and content types of GraphQL over HTTP. Every caller needs `read`; root
 * fields needing more (audit) are checked per operation.
 */
export function graphqlRoute(router: Router, parts: ServiceParts, apollo: Promise<ApolloServer<GraphQLContext>>, options: { maxBodyBytes: number }): void {
  const handler: Handler = async (req, res, { url, requestId, principal }) => {
    const method = (req.method ?? 'GET').toUpperCase();
    let body: unknown = undefined;
    if (method === 'POST') {
      const raw = await readBody(req, options.maxBodyBytes);
      // Apollo answers a non-JSON POST with 400 itself; it only needs to see the body was there.
      body = isJson(req) ? parseJsonBody(raw) : raw.toString('utf8');
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
  router.on('GET', GRAPHQL_PATH, handler, { scope: 'read', name: 'graphql', graphqlErrors: true });
}
