import { definePolicy } from '@deploy-plan/core';

export default definePolicy({
  id: 'rollout/stages-rise-to-full',
  meta: {
    severity: 'important',
    checklist: 'important-1',
    description: 'Staged rollout weights rise strictly and end at 100%',
    rationale:
      'Each stage should expose more users than the last (10% → 50% → 100% in the ' +
      'method); a stage that does not rise tests nothing new, and a rollout that stops ' +
      'short of 100% never finishes.',
    messages: {
      notRising: 'Stage {{index}} weight {{weight}}% is not above the previous {{previous}}%.',
      notFull: 'The last stage reaches {{weight}}%, not 100%.',
    },
    examples: {
      fail: 'stages:\n  - { weight: 50 }\n  - { weight: 10 }',
      pass: 'stages:\n  - { weight: 10 }\n  - { weight: 50 }\n  - { weight: 100 }',
    },
  },
  check({ plan, report }) {
    const stages = plan.rollout?.stages ?? [];
    stages.forEach((stage, i) => {
      if (i > 0 && stage.weight <= stages[i - 1].weight) {
        report({
          messageId: 'notRising',
          data: { index: i + 1, weight: stage.weight, previous: stages[i - 1].weight },
          pointer: `/rollout/stages/${i}/weight`,
        });
      }
    });
    const last = stages[stages.length - 1];
    if (last && last.weight !== 100)
      report({
        messageId: 'notFull',
        data: { weight: last.weight },
        pointer: `/rollout/stages/${stages.length - 1}/weight`,
      });
  },
});
