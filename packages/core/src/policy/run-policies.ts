import { describeThrown, interpolate, severityRank, type Diagnostic, type Severity } from '../diagnostic';
import { detached } from '../detach';
import type { DeployPlan } from '../generated/plan';
import type { SourceSpan } from '../plan/load-plan';
import type { AnyPolicy, PolicyReport } from './define-policy';
import type { ProjectFacts } from './facts';
import type { Placeholder } from '../vocabulary';

/** A policy with the severity and options config chose for one project. */
export interface ResolvedPolicy {
  policy: AnyPolicy;
  severity: Severity;
  options: Record<string, unknown>;
}

export const INTERNAL_ERROR_RULE = {
  id: 'internal/policy-error',
  severity: 'critical' as Severity,
  description: 'A policy failed while checking a plan',
  rationale:
    'A policy that crashes checks nothing; the finding says which one, so the run ' +
    'can go on and the failure is not mistaken for a pass.',
  messages: {
    threw: 'Policy `{{policy}}` failed on this plan: {{error}}. Its checks did not run; the other policies did.',
    badReport: 'Policy `{{policy}}` reported an unknown message `{{messageId}}`; please report this.',
    async:
      'Policy `{{policy}}` returned a promise: checks must be synchronous, so its findings were not ' +
      'waited for and it counts as failed. Make its `check` a plain function.',
  },
};

/** Freezes a value and everything under it, so a policy cannot change what others see. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}

export interface RunPoliciesInput {
  plan: DeployPlan;
  project: string;
  /** Workspace-relative path of the plan. */
  file: string;
  readonly locate: (pointer: string, target?: 'key' | 'value') => SourceSpan;
  policies: readonly ResolvedPolicy[];
  facts: ProjectFacts;
  /** The plan's scaffold placeholders as written (default: none). */
  placeholders?: readonly Placeholder[];
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') &&
  value !== null &&
  typeof (value as { then?: unknown }).then === 'function';

/**
 * What the check is doing now, for a run stopped by its deadline to say where it was. Set as
 * work starts and cleared as it ends; reading it costs nothing.
 */
export const progress: { plan?: string; policy?: string; facts?: string } = {};

function internalError(
  input: RunPoliciesInput,
  messageId: keyof typeof INTERNAL_ERROR_RULE.messages,
  data: Record<string, string>,
): Diagnostic {
  return {
    ruleId: INTERNAL_ERROR_RULE.id,
    severity: INTERNAL_ERROR_RULE.severity,
    messageId,
    message: interpolate(INTERNAL_ERROR_RULE.messages[messageId], data),
    data,
    file: input.file,
    line: 1,
    column: 1,
    project: input.project,
  };
}

/**
 * Runs each policy on a plan that matches the schema and turns its reports into diagnostics:
 * plan pointers become line/column; a code finding points at the code and carries the plan
 * line as a related location. A policy that throws becomes one internal-error diagnostic; the
 * others still run.
 */
export function runPolicies(input: RunPoliciesInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { policy, severity, options } of input.policies) {
    // Most policies report nothing: allocate per finding, not per policy.
    let found: Diagnostic[] | undefined;
    let bad: Diagnostic | undefined;
    const report = (r: PolicyReport) => {
      const messages = policy.meta.messages;
      // Own keys only: a messageId such as `toString` must not find Object.prototype's function.
      const template = Object.hasOwn(messages, r.messageId) ? messages[r.messageId] : undefined;
      if (typeof template !== 'string') {
        bad ??= internalError(input, 'badReport', { policy: policy.id, messageId: String(r.messageId) });
        return;
      }
      // The report keeps the values: copies, not slices of the plan's text (see `detached`).
      const data = r.data
        ? Object.fromEntries(Object.entries(r.data).map(([k, v]) => [k, detached(String(v))]))
        : undefined;
      const message = interpolate(template, data);
      const planSpan = input.locate(r.pointer, r.target);
      const related = [...(r.related ?? [])];
      for (const rp of r.relatedPointers ?? []) {
        const span = input.locate(rp.pointer);
        related.push({ file: input.file, line: span.line, column: span.column, message: rp.message });
      }
      let where: { file: string } & Omit<SourceSpan, 'endLine' | 'endColumn'> & Partial<SourceSpan> = {
        file: input.file,
        ...planSpan,
      };
      if (r.at) {
        related.unshift({
          file: input.file,
          line: planSpan.line,
          column: planSpan.column,
          message: r.planMessage ?? 'claimed in the plan here',
        });
        where = { ...r.at };
      }
      (found ??= []).push({
        ruleId: policy.id,
        // A report may ask for less (a claim that could not be confirmed), never for more.
        severity: r.severity && severityRank(r.severity) > severityRank(severity) ? r.severity : severity,
        message,
        messageId: r.messageId,
        ...(data ? { data } : {}),
        ...where,
        pointer: r.pointer,
        project: input.project,
        ...(policy.meta.docsUrl ? { docsUrl: policy.meta.docsUrl } : {}),
        ...(r.hint ? { hint: r.hint } : {}),
        ...(related.length ? { related } : {}),
      });
    };
    try {
      progress.policy = policy.id;
      const returned: unknown = policy.check({
        plan: input.plan,
        project: input.project,
        options,
        facts: input.facts,
        placeholders: input.placeholders ?? [],
        report,
      });
      if (isThenable(returned)) {
        // Its rejection, if any, is this finding, not an unhandled rejection later.
        returned.then(undefined, () => undefined);
        out.push(internalError(input, 'async', { policy: policy.id }));
        continue;
      }
      if (found) out.push(...found);
      if (bad) out.push(bad);
    } catch (error) {
      out.push(internalError(input, 'threw', { policy: policy.id, error: describeThrown(error) }));
    } finally {
      progress.policy = undefined;
    }
  }
  return out;
}
