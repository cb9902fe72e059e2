export { postgresCatalogIngestor, PostgresCatalogError, type PostgresCatalogInput } from './postgresCatalogIngestor.js';
export { InvalidConnectionUrlError, catalogSourceId, connectionTarget, type ConnectionTarget } from './connectionTarget.js';
