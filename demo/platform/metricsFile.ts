import { KAFKA, ONLINE_STORES, STREAMS, WAREHOUSE } from './assets.js';
import { features } from './features.js';
import { models } from './models.js';
import { between } from './random.js';
import { RETIRED_RULE, rules } from './rules.js';
import { services } from './services.js';

/** The 14 days the metrics cover. */
export const METRIC_DAYS: string[] = Array.from({ length: 14 }, (_, i) => `2025-06-${String(i + 1).padStart(2, '0')}`);

/** Events per day of each scene; weekends carry a bit more payment traffic. */
const SCENE_EVENTS: Record<string, number> = { payment: 2_400_000, login: 1_100_000, withdrawal: 180_000 };

/** Warehouse facts the metrics need, read from the final step's SQL scripts. */
export interface WarehouseScripts {
  /** Computation names of the write statements (`sql/<file>#<n>`). */
  queries: string[];
  /** Every table the scripts declare or write. */
  tables: string[];
}

/** PII columns of the ODS tables, tagged by the metrics file (the catalog tags event fields). */
const PII_COLUMNS: [table: string, column: string, pii: string][] = [
  ['ods.ods_payment_txn', 'card_no', 'card_number'],
  ['ods.ods_payment_txn', 'ip', 'ip'],
  ['ods.ods_card_info', 'card_no', 'card_number'],
  ['ods.ods_login_log', 'phone', 'phone'],
  ['ods.ods_login_log', 'ip', 'ip'],
  ['ods.ods_withdrawal_req', 'payee_account', 'bank_account'],
  ['ods.ods_withdrawal_req', 'ip', 'ip'],
  ['ods.ods_user_profile', 'phone', 'phone'],
  ['ods.ods_user_profile', 'email', 'email'],
  ['ods.ods_user_profile', 'id_card_no', 'id_card'],
  ['ods.ods_user_profile', 'full_name', 'name'],
  ['ods.ods_kyc_record', 'id_card_no', 'id_card'],
  ['ods.ods_device_log', 'ip', 'ip'],
  ['ods.ods_ip_geo', 'ip', 'ip'],
];

const weekendFactor = (day: string): number => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6 ? 1.15 : 1;
};

const round = (value: number, digits: number): string => value.toFixed(digits).replace(/\.?0+$/, '') || '0';

/**
 * The platform's daily metrics and its table tags, as the CSV of docs/metrics.md: rule
 * evaluations and hits, service QPS, feature lookups, compute cost of every computation and
 * storage cost of every table, stream and online store, for the nodes of the final step.
 */
export function metricsCsv(step: number, warehouse: WarehouseScripts): string {
  const lines = ['kind,target,field,metric,bucket,granularity,value,key'];
  const metric = (target: string, name: string, day: string, value: string) => lines.push(`metric,${target},,${name},${day},,${value},`);
  const ruleList = rules(step);
  const serviceList = services(ruleList);
  const sceneOf = new Map(serviceList.map((s) => [s.name, s.scene]));

  for (const rule of ruleList) {
    const target = `asset:risk.rules/${rule.name}`;
    const scene = sceneOf.get(rule.service)!;
    const coverage = between(`${rule.name}:coverage`, 0.35, 1);
    const hitRate = between(`${rule.name}:hits`, 0.0002, 0.012);
    // The retired rule stopped being evaluated half-way through the window.
    const days = rule.name === RETIRED_RULE ? METRIC_DAYS.slice(0, 7) : METRIC_DAYS;
    for (const day of days) {
      const evaluations = Math.round(SCENE_EVENTS[scene]! * coverage * weekendFactor(day) * between(`${rule.name}:${day}`, 0.9, 1.1));
      metric(target, 'rule.evaluations', day, String(evaluations));
      metric(target, 'rule.hits', day, String(Math.round(evaluations * hitRate * between(`${rule.name}:${day}:h`, 0.7, 1.3))));
    }
  }
  for (const service of serviceList) {
    for (const day of METRIC_DAYS) metric(`asset:risk.services/${service.name}`, 'service.qps', day, round((SCENE_EVENTS[service.scene]! * weekendFactor(day)) / 86_400, 2));
  }
  for (const feature of features(step)) {
    const popularity = between(`${feature.name}:lookups`, 0.2, 1.6);
    const realtime = feature.freshness !== '1d';
    for (const day of METRIC_DAYS) {
      const wobble = between(`${feature.name}:${day}`, 0.92, 1.08);
      metric(`asset:risk.features/${feature.name}`, 'feature.lookups', day, String(Math.round(1_500_000 * popularity * weekendFactor(day) * wobble)));
      // Streaming aggregates run all day; batch loads once a night.
      metric(`computation:risk.features/${feature.name}.pipeline`, 'cost.compute', day, round((realtime ? 18 : 3) * popularity * wobble, 2));
    }
  }
  for (const model of models(step)) {
    for (const day of METRIC_DAYS) {
      metric(`computation:risk.models/${model.name}.inference`, 'cost.compute', day, round(between(`${model.name}:inference:${day}`, 35, 45), 2));
      metric(`computation:risk.models/${model.name}.training`, 'cost.compute', day, round(between(`${model.name}:training:${day}`, 8, 12), 2));
    }
  }
  for (const query of warehouse.queries) {
    const size = between(`${query}:size`, 2, 30);
    for (const day of METRIC_DAYS) metric(`computation:${WAREHOUSE}/${query}`, 'cost.compute', day, round(size * between(`${query}:${day}`, 0.9, 1.1), 2));
  }
  const stored = [...warehouse.tables.map((t) => `${WAREHOUSE}/${t}`), ...Object.values(STREAMS), ...Object.values(ONLINE_STORES)];
  for (const asset of stored) {
    const size = asset.startsWith(KAFKA) ? between(`${asset}:size`, 4, 9) : between(`${asset}:size`, 0.5, 12);
    for (const day of METRIC_DAYS) metric(`asset:${asset}`, 'cost.storage', day, round(size * (1 + METRIC_DAYS.indexOf(day) * 0.004), 3));
  }
  for (const [table, column, pii] of PII_COLUMNS) lines.push(`tag,asset:${WAREHOUSE}/${table},${column},,,,${pii},pii`);
  for (const table of warehouse.tables) lines.push(`tag,asset:${WAREHOUSE}/${table},,,,,${table.split('.')[0]},layer`);
  return `${lines.join('\n')}\n`;
}
