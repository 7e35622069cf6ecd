import type { AnyPolicy } from '../policy/define-policy';
import type { AjvError } from '../schema/validate';
import { explainSchemaErrors } from '../schema/explain-errors';
import { interpolate } from '../diagnostic';
import { BUILTIN_RULES } from '../rules/builtin-rules';

type CompiledValidator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

// Policy option schemas are small and only compiled when a config sets options: ajv is loaded
// lazily so a run without options never pays for it.
let ajv: { compile(schema: unknown): CompiledValidator } | undefined;
const compiled = new Map<string, CompiledValidator>();

function validatorFor(policy: AnyPolicy): CompiledValidator | undefined {
  const schema = policy.meta.options?.schema;
  if (!schema) return undefined;
  let fn = compiled.get(policy.id);
  if (!fn) {
    if (!ajv) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- ajv loads only for policies with options
      const { default: Ajv2020 } = require('ajv/dist/2020') as {
        default: new (options: object) => { compile(schema: unknown): CompiledValidator };
      };
      ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
    }
    fn = ajv.compile(schema);
    compiled.set(policy.id, fn);
  }
  return fn;
}

/** Validates merged options against the policy's options schema; [] when valid. */
export function validatePolicyOptions(policy: AnyPolicy, options: Record<string, unknown>): AjvError[] {
  const validate = validatorFor(policy);
  if (!validate)
    return Object.keys(options).length
      ? [
          {
            keyword: 'additionalProperties',
            instancePath: '',
            schemaPath: '#',
            params: { additionalProperty: Object.keys(options)[0] },
          },
        ]
      : [];
  return validate(options) ? [] : [...(validate.errors ?? [])];
}

/** One sentence for a set of option errors. */
export function describeOptionErrors(errors: AjvError[], options: Record<string, unknown>): string {
  const issues = explainSchemaErrors(errors, options, {});
  return issues
    .map((i) => interpolate(BUILTIN_RULES.schema.messages[i.messageId], i.data).replace('the top level', 'the options'))
    .join(' ');
}
