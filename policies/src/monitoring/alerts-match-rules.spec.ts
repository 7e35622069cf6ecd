import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import type { AlertRuleFact } from '@deploy-plan/core';
import { fileFacts, infrastructureFacts } from '../util/testing';
import policy from './alerts-match-rules';

const RULES = 'apps/demo/k8s/rules.yaml';
const plan = planYaml(`
  monitoring:
    metrics:
      - { name: ok_rate, type: gauge, query: "100 * sum(rate(ok_total[5m])) / sum(rate(all_total[5m]))" }
    alerts:
      - { name: broken, metric: ok_rate, operator: "<", value: 50, for: 2m, action: rollback-immediate }
  rollback:
    levels:
      - { level: 3, kind: code, maxDuration: 10m }
    triggers:
      - { response: immediate, metric: ok_rate, operator: "<", value: 50, level: 3 }
`);
const rule = (expr: string, more: Partial<AlertRuleFact> = {}): AlertRuleFact => ({
  alert: 'OkRateBroken',
  expr,
  for: '2m',
  labels: { severity: 'page' },
  file: RULES,
  line: 9,
  ...more,
});
const facts = (...alertRules: AlertRuleFact[]) => ({
  files: fileFacts({
    infrastructure: infrastructureFacts({ alertRules }),
  }),
});
const at = { file: RULES, line: 9, column: 1 };

new PolicyTester().run(policy, {
  valid: [
    { name: 'a rule by the metric name, same comparison and for', plan, facts: facts(rule('ok_rate < 50')) },
    {
      name: "a rule on the metric's query",
      plan,
      facts: facts(rule('100 * sum(rate(ok_total[5m]))\n  / sum(rate(all_total[5m])) < 50')),
    },
    { name: 'no alert rules in the project', plan, facts: { files: fileFacts() } },
  ],
  invalid: [
    {
      name: 'a rule file that is a Helm template',
      plan,
      facts: {
        files: fileFacts({
          infrastructure: infrastructureFacts({
            notUnderstood: [{ file: RULES, line: 4, reason: 'a template', about: 'alerts' }],
          }),
        }),
      },
      errors: [{ messageId: 'notUnderstood', pointer: '/monitoring', file: RULES, line: 4, column: 1 }],
    },
    {
      name: 'no rule reads the metric',
      plan,
      facts: facts(rule('up == 0')),
      errors: [
        { messageId: 'noRule', pointer: '/monitoring/alerts/0', line: 5, column: 7 },
        { messageId: 'noRule', pointer: '/rollback/triggers/0', line: 10, column: 7 },
      ],
    },
    {
      name: 'the rule fires at another value',
      plan,
      facts: facts(rule('ok_rate < 20')),
      errors: [
        { messageId: 'otherComparison', pointer: '/monitoring/alerts/0/value', ...at, data: { found: '< 20' } },
        { messageId: 'otherComparison', pointer: '/rollback/triggers/0/value', ...at },
      ],
    },
    {
      name: 'the rule waits longer',
      plan,
      facts: facts(rule('ok_rate < 50', { for: '30m' })),
      errors: [
        { messageId: 'otherFor', pointer: '/monitoring/alerts/0/for', ...at, data: { found: '30m', expected: '2m' } },
        {
          messageId: 'slowRule',
          pointer: '/rollback/triggers/0',
          ...at,
          data: { detect: '31m', total: '41m', budget: '15m' },
        },
      ],
    },
  ],
});
