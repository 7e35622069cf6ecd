import { definePolicy, isPlaceholder } from '@deploy-plan/core';

export default definePolicy({
  id: 'deployment/steps-verified',
  meta: {
    severity: 'critical',
    checklist: ['step-4', 'critical-1'],
    description: 'Every deployment step has commands, a verify command and the result that counts as success',
    rationale:
      'Step 4 of the method asks for specific, actionable strategies: the commands to ' +
      'run and, for each, how to verify it and what to expect ("curl .../upload -> ' +
      'Expected: 200 OK with file ID"). A step without a check is a step nobody can ' +
      'tell has worked.',
    messages: {
      noCommands: 'Deployment step `{{step}}` has no commands; list the commands that perform it.',
      noVerify:
        'Deployment step `{{step}}` has no `verify`; give a command that proves it worked and its expected result.',
      noExpect:
        'The verify command of step `{{step}}` has no expected result; say what output counts as success in `expect`.',
    },
    examples: {
      fail: 'steps:\n  - id: deploy-api\n    commands: [npm run deploy:staging]',
      pass:
        'steps:\n  - id: deploy-api\n    commands: [npm run deploy:staging]\n    ' +
        'verify:\n      command: curl -fsS https://staging.example.com/health/ready\n    ' +
        '  expect: 200 with {"status":"ok"}',
    },
  },
  check({ plan, report }) {
    (plan.deployment.steps ?? []).forEach((step, i) => {
      const at = `/deployment/steps/${i}`;
      if (!(step.commands ?? []).some((c) => !isPlaceholder(c)))
        report({
          messageId: 'noCommands',
          data: { step: step.id },
          pointer: step.commands ? `${at}/commands` : at,
          target: step.commands ? 'value' : 'key',
        });
      if (!step.verify || isPlaceholder(step.verify.command))
        report({
          messageId: 'noVerify',
          data: { step: step.id },
          pointer: step.verify ? `${at}/verify` : at,
          target: step.verify ? 'value' : 'key',
        });
      else if (step.verify.expect === undefined || isPlaceholder(step.verify.expect))
        report({ messageId: 'noExpect', data: { step: step.id }, pointer: `${at}/verify`, target: 'key' });
    });
  },
});
