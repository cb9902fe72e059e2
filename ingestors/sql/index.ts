export { sqlIngestor, type SqlInput } from './sqlIngestor.js';
export { UnknownDialectError, parserDatabase } from './dialects.js';
export { splitStatements, type ScriptStatement } from './splitStatements.js';
