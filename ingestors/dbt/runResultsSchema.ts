import { z } from 'zod';

/** The parts of dbt's run_results.json (v1 to v6) this ingestor reads; items are validated one by one. */

const timingSchema = z.looseObject({
  name: z.string(),
  started_at: z.string().nullish(),
  completed_at: z.string().nullish(),
});

export const runResultSchema = z.looseObject({
  unique_id: z.string(),
  status: z.string(),
  timing: z.array(timingSchema).nullish(),
  execution_time: z.number().nullish(),
  thread_id: z.string().nullish(),
  message: z.string().nullish(),
  failures: z.number().nullish(),
  adapter_response: z.record(z.string(), z.unknown()).nullish(),
});
export type RunResult = z.infer<typeof runResultSchema>;

export const runResultsSchema = z.looseObject({
  metadata: z.looseObject({ invocation_id: z.string().nullish(), dbt_schema_version: z.string().nullish(), generated_at: z.string().nullish() }).nullish(),
  results: z.array(z.unknown()),
});
