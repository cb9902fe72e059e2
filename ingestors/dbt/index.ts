export { dbtIngestor, type DbtInput } from './dbtIngestor.js';
