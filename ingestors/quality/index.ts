export { qualityIngestor, qualitySourceId, type QualityIngestorOptions, type QualityInput } from './qualityIngestor.js';
