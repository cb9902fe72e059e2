import { GraphQLScalarType, Kind } from 'graphql';
import { parseTimestamp } from '../../graph-model/timestamp.js';
import { ErrorCode, clientError } from './errors.js';

/** A graph version (Int) or an ISO-8601 timestamp (String): the last version committed at or before it. */
export type AsOfValue = number | string;

/** A coercion error with the client's code, so that wherever graphql-js raises it (variables, literals) it stays BAD_USER_INPUT. */
const refuse = (message: string) => clientError(ErrorCode.BAD_USER_INPUT, message, { argument: 'asOf' });

function parse(value: unknown): AsOfValue {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) throw refuse(`AsOf: a graph version must be a non-negative integer, got ${value}`);
    return value;
  }
  if (typeof value === 'string') {
    if (/^\d+$/.test(value)) return Number(value);
    const time = parseTimestamp(value, { date: true });
    if (!time.ok) throw refuse(`AsOf: neither a graph version nor an RFC 3339 timestamp: ${time.reason}`);
    return value;
  }
  throw refuse('AsOf: expected a graph version (Int) or an RFC 3339 timestamp (String)');
}

export const AsOfScalar = new GraphQLScalarType<AsOfValue, AsOfValue>({
  name: 'AsOf',
  description: 'A graph version (Int), or an ISO-8601 timestamp (String) meaning the last version committed at or before it.',
  serialize: (value) => parse(value),
  parseValue: (value) => parse(value),
  parseLiteral(ast) {
    if (ast.kind === Kind.INT) return parse(Number(ast.value));
    if (ast.kind === Kind.STRING) return parse(ast.value);
    throw refuse('AsOf: expected a graph version (Int) or an RFC 3339 timestamp (String)');
  },
});
