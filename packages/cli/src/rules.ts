import { BUILTIN_RULES, INTERNAL_ERROR_RULE, WAIVER_RULES, docsUrlFor, type AnyPolicy } from '@deploy-plan/core';
import type { RuleInfo } from '@deploy-plan/formatters';

/** Every check a run can report, as reports describe them: built-in rules, then the policies. */
export function ruleInfos(policies: readonly AnyPolicy[]): RuleInfo[] {
  const builtin = [...Object.values(BUILTIN_RULES), ...Object.values(WAIVER_RULES), INTERNAL_ERROR_RULE].map(
    (rule): RuleInfo => ({
      id: rule.id,
      kind: 'builtin',
      severity: rule.severity,
      description: rule.description,
      rationale: rule.rationale,
      docsUrl: docsUrlFor(rule.id),
    }),
  );
  const fromPolicies = policies.map((policy): RuleInfo => ({
    id: policy.id,
    kind: 'policy',
    severity: policy.meta.severity,
    description: policy.meta.description,
    rationale: policy.meta.rationale,
    docsUrl: policy.meta.docsUrl ?? docsUrlFor(policy.id),
    checklist: Array.isArray(policy.meta.checklist) ? policy.meta.checklist : [policy.meta.checklist as string],
  }));
  return [...builtin, ...fromPolicies];
}
