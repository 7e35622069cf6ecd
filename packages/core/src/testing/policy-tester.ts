import * as assert from 'node:assert';
import { sortDiagnostics, type Diagnostic, type Severity } from '../diagnostic';
import { validatePolicyOptions, describeOptionErrors } from '../config/policy-options';
import type { DeployPlan } from '../generated/plan';
import { parseDocument } from '../plan/load-plan';
import type { AnyPolicy } from '../policy/define-policy';
import type { ProjectFacts } from '../policy/facts';
import { deepFreeze, runPolicies } from '../policy/run-policies';
import { BUILTIN_RULES } from '../rules/builtin-rules';
import { planValidator } from '../schema/validate';

function fail(message: string): never {
  return assert.fail(message);
}
const deepStrictEqual = (actual: unknown, expected: unknown, message: string): void =>
  assert.deepStrictEqual(actual, expected, message);

// The test framework's globals (jest, vitest and mocha all provide these).
declare const describe: (name: string, fn: () => void) => void;
declare const it: (name: string, fn: () => void) => void;

export interface ValidCase {
  name: string;
  /** The whole plan, as YAML (see `planYaml`). */
  plan: string;
  options?: Record<string, unknown>;
  facts?: ProjectFacts;
}

export interface ExpectedError {
  messageId: string;
  pointer: string;
  /** Where the finding points: lines count from the case's first line (see `planYaml`). */
  line: number;
  column: number;
  /** The whole message, after its `{{placeholders}}` are filled, when a case is about the wording. */
  message?: string;
  /** For code findings: the file the diagnostic points at. */
  file?: string;
  data?: Record<string, string>;
  /** The finding's severity, when a case is about it (a report may lower its policy's). */
  severity?: Severity;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
}

export const PLAN_FILE = 'apps/demo/deploy-plan.yaml';

/** Runs one policy on one YAML plan the way the engine does, and returns its diagnostics. */
export function runPolicyOnYaml(
  policy: AnyPolicy,
  text: string,
  options: Record<string, unknown> = {},
  facts: ProjectFacts = {},
): Diagnostic[] {
  const doc = parseDocument<DeployPlan>(text, PLAN_FILE, planValidator, BUILTIN_RULES.schema);
  if (!doc.value) {
    const problems = doc.diagnostics.map((d) => `  ${d.line}:${d.column} ${d.message}`).join('\n');
    fail(`The case's plan does not match the schema, so no policy would run on it:\n${problems}`);
  }
  const merged = { ...((policy.meta.options?.defaults as Record<string, unknown>) ?? {}), ...options };
  const errors = validatePolicyOptions(policy, merged);
  if (errors.length) fail(`Invalid options for ${policy.id}: ${describeOptionErrors(errors, merged)}`);
  return sortDiagnostics(
    runPolicies({
      plan: deepFreeze(doc.value),
      project: 'demo',
      file: PLAN_FILE,
      locate: doc.locate,
      policies: [{ policy, severity: policy.meta.severity, options: deepFreeze(merged) }],
      facts: deepFreeze(facts),
      placeholders: doc.placeholders,
    }),
  );
}

/**
 * Table tests for a policy, after typescript-eslint's RuleTester: `valid` plans must produce no
 * finding; `invalid` ones exactly the listed findings, compared by messageId, pointer, line and
 * column (and message text, file, data or severity when a case gives them), in position order. A
 * message with an unfilled `{{placeholder}}` fails any case. Cases are checked for duplicates,
 * plans are frozen, plans must match the schema and options must match the policy's options schema.
 */
export class PolicyTester {
  /** @param minimumCases each table must have at least this many valid and invalid cases. */
  constructor(private readonly options: { minimumCases?: number } = {}) {}

  run(policy: AnyPolicy, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
    const minimum = this.options.minimumCases ?? 2;
    if (cases.valid.length < minimum || cases.invalid.length < minimum) {
      const has = `has ${cases.valid.length} and ${cases.invalid.length}`;
      throw new Error(`${policy.id}: needs at least ${minimum} valid and ${minimum} invalid cases (${has})`);
    }
    const seen = new Set<string>();
    for (const c of [...cases.valid, ...cases.invalid]) {
      for (const key of [
        `name:${c.name}`,
        `plan:${c.plan}\u0000${JSON.stringify(c.options ?? {})}\u0000${JSON.stringify(c.facts ?? {})}`,
      ]) {
        if (seen.has(key)) {
          const what = key.startsWith('name:') ? 'name' : 'same plan and options as another case,';
          throw new Error(`${policy.id}: duplicate test case (${what} "${c.name}")`);
        }
        seen.add(key);
      }
    }
    describe(policy.id, () => {
      describe('valid', () => {
        for (const c of cases.valid) it(c.name, () => checkValidCase(policy, c));
      });
      describe('invalid', () => {
        for (const c of cases.invalid) it(c.name, () => checkInvalidCase(policy, c));
      });
    });
  }
}

/** One valid case: the policy finds nothing. Throws an AssertionError otherwise. */
export function checkValidCase(policy: AnyPolicy, c: ValidCase): void {
  const found = runPolicyOnYaml(policy, c.plan, c.options, c.facts);
  found.forEach(checkMessage);
  deepStrictEqual(found.map(summarise), [], `Expected no finding for "${c.name}"`);
}

/** One invalid case: the policy finds exactly the listed errors, in position order. */
export function checkInvalidCase(policy: AnyPolicy, c: InvalidCase): void {
  checkExpectations(c);
  const found = runPolicyOnYaml(policy, c.plan, c.options, c.facts);
  for (const d of found) {
    if (d.ruleId !== policy.id) fail(`${d.ruleId}: ${d.message}`);
    checkMessage(d);
  }
  const actual = found.map((d, i) => project(d, c.errors[i] ?? c.errors[0]));
  deepStrictEqual(
    actual,
    c.errors.map((e) => ({ ...e })),
    `Findings of "${c.name}"`,
  );
}

const summarise = (d: Diagnostic) => ({
  messageId: d.messageId,
  pointer: d.pointer,
  line: d.line,
  column: d.column,
  message: d.message,
});

/** Plain JavaScript callers get the same demands the types make: positions on every error. */
function checkExpectations(c: InvalidCase): void {
  if (!c.errors.length) fail(`"${c.name}": an invalid case must list at least one error`);
  for (const e of c.errors) {
    if (!Number.isInteger(e.line) || !Number.isInteger(e.column)) {
      fail(`"${c.name}": every expected error needs its line and column (${e.messageId} at ${e.pointer} has none)`);
    }
  }
}

/** A message with a `{{placeholder}}` left in it names data the policy forgot to report. */
function checkMessage(d: Diagnostic): void {
  const unfilled = /\{\{\s*\w+\s*\}\}/.exec(d.message);
  if (unfilled) fail(`${d.ruleId} (${d.messageId}): the message leaves ${unfilled[0]} unfilled: "${d.message}"`);
}

/** The fields of `d` that the expectation names, so a case may leave out file, data or message. */
function project(d: Diagnostic, expected: ExpectedError): ExpectedError {
  const out: ExpectedError = { messageId: d.messageId, pointer: d.pointer ?? '', line: d.line, column: d.column };
  if (expected.message !== undefined) out.message = d.message;
  if (expected.file !== undefined) out.file = d.file;
  if (expected.severity !== undefined) out.severity = d.severity;
  if (expected.data !== undefined)
    out.data = Object.fromEntries(Object.keys(expected.data).map((k) => [k, d.data?.[k] ?? '']));
  return out;
}
