import { z } from 'zod';
import { REFERENCED_ASSET_KINDS, splitQualifiedName, type AssetReference } from './assetReference.js';

/**
 * The keys of a risk catalog file (docs/risk-catalog.md). Objects are strict: a misspelt key
 * (`expresion`) is an error rather than a silently ignored line. Each list item is validated on its
 * own, so one bad item is one error and the others still count.
 */

const text = z.string().trim().min(1);
/** Scalars YAML may type as numbers (`version: 3`, `window: 7`) are kept as written. */
const scalarText = z.union([text, z.number()]).transform(String);
const tagValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const tagsSchema = z.record(text, tagValue);
/** One owner or several; each becomes a definition owner. */
export const ownerSchema = z.union([text, z.array(text).min(1)]).transform((owner) => (typeof owner === 'string' ? [owner] : owner));

/** A table, stream or store: `namespace/name`, or `{ namespace, name, kind }`. */
export const assetReferenceSchema = z
  .union([z.string(), z.strictObject({ namespace: text, name: text, kind: z.enum(REFERENCED_ASSET_KINDS).optional() })])
  .transform((value, context): AssetReference => {
    if (typeof value !== 'string') return value;
    const identity = splitQualifiedName(value.trim());
    if (identity) return identity;
    context.addIssue({ code: 'custom', message: `expected 'namespace/name' (e.g. 'kafka://prod/payments') or { namespace, name }, got '${value}'` });
    return z.NEVER;
  });

const common = {
  name: text,
  namespace: text.optional(),
  owner: ownerSchema.optional(),
  description: z.string().optional(),
  tags: tagsSchema.optional(),
};

export const featureSchema = z
  .strictObject({
    ...common,
    entity: text.optional(),
    type: text.optional(),
    reads: z.array(assetReferenceSchema).default([]),
    expression: text.optional(),
    sql: text.optional(),
    onlineStore: assetReferenceSchema.optional(),
    window: scalarText.optional(),
    freshness: scalarText.optional(),
  })
  .refine((feature) => feature.expression === undefined || feature.sql === undefined, {
    message: 'give either expression or sql, not both',
    path: ['sql'],
  });
export type FeatureSpec = z.infer<typeof featureSchema>;

const outputSchema = z.union([text.transform((name) => ({ name })), z.strictObject({ name: text, type: text.optional(), description: z.string().optional() })]);

export const modelSchema = z
  .strictObject({
    ...common,
    version: scalarText.optional(),
    inputs: z.array(text).default([]),
    /** Inputs the model scores without (imputed when missing): their failure degrades it, never breaks it. */
    optionalInputs: z.array(text).default([]),
    status: z.enum(['active', 'retired', 'disabled']).default('active'),
    trainingTables: z.array(assetReferenceSchema).default([]),
    outputs: z.array(outputSchema).default([]),
    defaultOutput: text.optional(),
  })
  .refine((model) => model.defaultOutput === undefined || model.outputs.some((output) => output.name === model.defaultOutput), {
    message: 'defaultOutput must be one of the outputs',
    path: ['defaultOutput'],
  })
  .refine((model) => model.optionalInputs.every((name) => model.inputs.includes(name)), {
    message: 'every optionalInputs entry must be one of the inputs',
    path: ['optionalInputs'],
  });
export type ModelSpec = z.infer<typeof modelSchema>;

export const RULE_ACTIONS = ['pass', 'review', 'challenge', 'block'] as const;
export const RULE_STATUSES = ['active', 'retired', 'disabled'] as const;

export const ruleSchema = z.strictObject({
  ...common,
  // Not trimmed: syntax errors are located by offsets into the text exactly as written in the file.
  expression: z.string().refine((value) => value.trim() !== '', 'the expression is empty'),
  action: z.enum(RULE_ACTIONS),
  priority: z.number().int().optional(),
  purpose: text.optional(),
  service: text.optional(),
  status: z.enum(RULE_STATUSES).default('active'),
});
export type RuleSpec = z.infer<typeof ruleSchema>;

const eventFieldSchema = z.union([
  text.transform((name) => ({ name })),
  z.strictObject({ name: text, type: text.optional(), description: z.string().optional(), pii: text.optional(), tags: tagsSchema.optional() }),
]);
export type EventFieldSpec = z.infer<typeof eventFieldSchema>;

export const serviceSchema = z.strictObject({
  ...common,
  scene: text,
  eventFields: z.array(eventFieldSchema).default([]),
  ruleSets: z.array(z.strictObject({ name: text, rules: z.array(text).default([]) })).default([]),
  /** Rules without which the service cannot decide: their failure breaks it (the others degrade it). */
  requiredRules: z.array(text).default([]),
});
export type ServiceSpec = z.infer<typeof serviceSchema>;

/** The lists a file may hold, in the order they are read. */
export const CATALOG_SECTIONS = ['features', 'models', 'rules', 'services'] as const;
export type CatalogSection = (typeof CATALOG_SECTIONS)[number];

/** A file's outline; its items stay `unknown` here and are validated one by one. */
export const catalogFileSchema = z
  .strictObject({
    namespace: text.optional(),
    features: z.array(z.unknown()).optional(),
    models: z.array(z.unknown()).optional(),
    rules: z.array(z.unknown()).optional(),
    services: z.array(z.unknown()).optional(),
  })
  .nullable();
