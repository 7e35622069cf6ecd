import * as generated from '../generated/validators';
import { configSchema, planSchema } from '../generated/schemas';

/** The subset of an ajv error object deploy-plan reads. */
export interface AjvError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
  /** The schema object holding the failing keyword (validators are generated with `verbose`). */
  parentSchema?: Record<string, unknown>;
  /** For `propertyNames` failures: the offending key. */
  propertyName?: string;
}

type GeneratedValidator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

/** A compiled schema and the schema itself (needed to explain its errors). */
export interface SchemaValidator {
  /** Which file kind this validates, for messages ("the plan", "the config"). */
  subject: 'plan' | 'config';
  schema: Record<string, unknown>;
  validate(data: unknown): AjvError[];
}

function wrap(
  subject: SchemaValidator['subject'],
  fn: GeneratedValidator,
  schema: Record<string, unknown>,
): SchemaValidator {
  return {
    subject,
    schema,
    validate(data) {
      // The validators are precompiled with allErrors; `errors` is replaced on every call.
      return fn(data) ? [] : [...(fn.errors ?? [])];
    },
  };
}

/** Validates a plan against schemas/deploy-plan.schema.json (precompiled: no start-up cost). */
export const planValidator: SchemaValidator = wrap(
  'plan',
  (generated as unknown as Record<string, GeneratedValidator>).validatePlan,
  planSchema,
);

/** Validates a workspace config against schemas/config.schema.json. */
export const configValidator: SchemaValidator = wrap(
  'config',
  (generated as unknown as Record<string, GeneratedValidator>).validateConfig,
  configSchema,
);
