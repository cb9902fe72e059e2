export { metricsIngestor, metricsSourceId, type MetricsIngestorOptions, type MetricsInput } from './metricsIngestor.js';
export { parseCsv, type CsvParseResult, type CsvRecord, type CsvSyntaxError } from '../csv/parseCsv.js';
