import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './gate-thresholds';

const plan = (gate: string, direction = 'higher-is-better', thresholds = '{ alert: 95, rollback: 50 }') =>
  planYaml(`monitoring:\n  metrics: [{ name: m, type: gauge, direction: ${direction}, thresholds: ${thresholds} }]\nrollout:\n  strategy: canary\n  stages:\n    - { weight: 100, gates: [${gate}] }`);

new PolicyTester().run(policy, {
  valid: [
    { name: 'at the alert threshold', plan: plan('{ metric: m, threshold: 95 }') },
    { name: 'at the rollback threshold (the boundary)', plan: plan('{ metric: m, threshold: 50 }') },
    { name: 'lower is better, in between', plan: plan('{ metric: m, threshold: 40 }', 'lower-is-better', '{ alert: 30, rollback: 60 }') },
  ],
  invalid: [
    { name: 'no threshold', plan: plan('{ metric: m }'), errors: [{ messageId: 'noThreshold', pointer: '/rollout/stages/0/gates/0', line: 6, column: 30 }] },
    { name: 'one below the rollback threshold', plan: plan('{ metric: m, threshold: 49 }'), errors: [{ messageId: 'laxerThanRollback', pointer: '/rollout/stages/0/gates/0/threshold', line: 6, column: 54, data: { rollback: '50' } }] },
    { name: 'stricter than the alert threshold', plan: plan('{ metric: m, threshold: 99 }'), errors: [{ messageId: 'stricterThanAlert', pointer: '/rollout/stages/0/gates/0/threshold', line: 6, column: 54, data: { alert: '95' } }] },
    {
      name: 'lower is better, past the rollback threshold',
      plan: plan('{ metric: m, threshold: 61 }', 'lower-is-better', '{ alert: 30, rollback: 60 }'),
      errors: [{ messageId: 'laxerThanRollback', pointer: '/rollout/stages/0/gates/0/threshold', line: 6, column: 54 }],
    },
  ],
});
