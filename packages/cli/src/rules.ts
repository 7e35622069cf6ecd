import { BUILTIN_RULES, INTERNAL_ERROR_RULE, WAIVER_RULES, type AnyPolicy } from '@deploy-plan/core';
import type { RuleInfo } from '@deploy-plan/formatters';

export interface RuleInfoOptions {
  /** The config's `docsBaseUrl`: each rule's page is `<docsBaseUrl>/<id>.md`. */
  docsBaseUrl?: string;
  /** Add each rule's help text and Markdown (SARIF carries them). */
  help?: boolean;
}

/** A rule's docs page: the policy's own, else the page under the config's `docsBaseUrl`. */
export function docsUrlOf(id: string, own: string | undefined, docsBaseUrl: string | undefined): string | undefined {
  return own ?? (docsBaseUrl ? `${docsBaseUrl}/${id}.md` : undefined);
}

/** The pack's help builder, loaded only for reports that carry help (SARIF). */
function policyHelp(): typeof import('@deploy-plan/policies').ruleHelp {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the docs pages load only when asked for
  return (require('@deploy-plan/policies') as typeof import('@deploy-plan/policies')).ruleHelp;
}

/** Every check a run can report, as reports describe them: built-in rules, then the policies. */
export function ruleInfos(policies: readonly AnyPolicy[], options: RuleInfoOptions = {}): RuleInfo[] {
  const builtin = [...Object.values(BUILTIN_RULES), ...Object.values(WAIVER_RULES), INTERNAL_ERROR_RULE].map(
    (rule): RuleInfo => ({
      id: rule.id,
      kind: 'builtin',
      severity: rule.severity,
      description: rule.description,
      rationale: rule.rationale,
    }),
  );
  const fromPolicies = policies.map((policy): RuleInfo => ({
    id: policy.id,
    kind: 'policy',
    severity: policy.meta.severity,
    description: policy.meta.description,
    rationale: policy.meta.rationale,
    checklist: Array.isArray(policy.meta.checklist) ? policy.meta.checklist : [policy.meta.checklist as string],
  }));
  const own = new Map(policies.map((p) => [p.id, p.meta.docsUrl]));
  const help = options.help ? policyHelp() : undefined;
  return [...builtin, ...fromPolicies].map((rule) => {
    const docsUrl = docsUrlOf(rule.id, own.get(rule.id), options.docsBaseUrl);
    const text = help?.(rule.id, policies);
    return { ...rule, ...(docsUrl ? { docsUrl } : {}), ...(text ? { help: text } : {}) };
  });
}
