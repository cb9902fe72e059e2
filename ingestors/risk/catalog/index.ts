export { riskCatalogIngestor, riskCatalogSourceId, type RiskCatalogInput } from './riskCatalogIngestor.js';
