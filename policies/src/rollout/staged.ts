import { definePolicy } from '@deploy-plan/core';
import { isService } from '../util/plan';

export default definePolicy({
  id: 'rollout/staged',
  meta: {
    severity: 'important',
    checklist: 'important-1',
    description:
      'Code that runs as a service rolls out in stages (canary, blue-green, rolling or ' +
      'a flag percentage), not all at once',
    rationale:
      'The first important item: a staged rollout tests the functionality at each ' +
      'stage (10%, 50%, 100% in the method) so a break reaches a few users, not all of ' +
      'them. Database, configuration, CLI and utility code may go all at once.',
    messages: {
      missing: 'The plan has no rollout; `{{codeTypes}}` code should roll out in stages.',
      allAtOnce:
        'The rollout goes all at once; `{{codeTypes}}` code should roll out in stages ' +
        'that each test the functionality.',
      noStages: 'The `{{strategy}}` rollout lists no stages; give each stage a weight, a bake time and gates.',
    },
    examples: {
      fail: 'codeTypes: [api]\nrollout:\n  strategy: all-at-once',
      pass:
        'codeTypes: [api]\nrollout:\n  strategy: canary\n  stages:\n    - { weight: 10, ' +
        'bake: 15m, gates: [{ metric: order_success_rate, threshold: 95, interval: 1m, ' +
        'count: 10 }] }\n    - { weight: 100, bake: 1h, gates: [{ metric: ' +
        'order_success_rate, threshold: 95, interval: 5m, count: 10 }] }',
    },
  },
  check({ plan, report }) {
    if (!isService(plan)) return;
    const codeTypes = plan.codeTypes.join(', ');
    if (!plan.rollout) report({ messageId: 'missing', data: { codeTypes }, pointer: '/codeTypes', target: 'key' });
    else if (plan.rollout.strategy === 'all-at-once')
      report({ messageId: 'allAtOnce', data: { codeTypes }, pointer: '/rollout/strategy' });
    else if (!(plan.rollout.stages ?? []).length)
      report({ messageId: 'noStages', data: { strategy: plan.rollout.strategy }, pointer: '/rollout', target: 'key' });
  },
});
