import { GraphQLScalarType, Kind } from 'graphql';

/** A graph version (Int) or an ISO-8601 timestamp (String): the last version committed at or before it. */
export type AsOfValue = number | string;

function parse(value: unknown): AsOfValue {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) throw new TypeError(`AsOf: a graph version must be a non-negative integer, got ${value}`);
    return value;
  }
  if (typeof value === 'string') {
    if (/^\d+$/.test(value)) return Number(value);
    if (Number.isNaN(Date.parse(value))) throw new TypeError(`AsOf: "${value}" is neither a graph version nor an ISO-8601 timestamp`);
    return value;
  }
  throw new TypeError('AsOf: expected a graph version (Int) or an ISO-8601 timestamp (String)');
}

export const AsOfScalar = new GraphQLScalarType<AsOfValue, AsOfValue>({
  name: 'AsOf',
  description: 'A graph version (Int), or an ISO-8601 timestamp (String) meaning the last version committed at or before it.',
  serialize: (value) => parse(value),
  parseValue: (value) => parse(value),
  parseLiteral(ast) {
    if (ast.kind === Kind.INT) return parse(Number(ast.value));
    if (ast.kind === Kind.STRING) return parse(ast.value);
    throw new TypeError('AsOf: expected a graph version (Int) or an ISO-8601 timestamp (String)');
  },
});
