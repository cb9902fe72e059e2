export { sqlIngestor, type SqlInput } from './sqlIngestor.js';
export { UnknownDialectError, parserDatabase } from './dialects.js';
export { splitStatements, type ScriptStatement } from './splitStatements.js';
export { AstReader } from './readAst.js';
export { statementLineage, type WriteStatement } from './statementLineage.js';
export type { KnownTable } from './knownSchemas.js';
export type { Dependency } from './lineage.js';
export type { Select } from './queryModel.js';
