import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import { codeFacts } from '../util/testing';
import policy from './inspection-failed';

const plan = planYaml('');
const failure = {
  file: 'apps/demo/src/generated.ts',
  line: 3,
  column: 7,
  message: 'RangeError: Maximum call stack size exceeded',
};

new PolicyTester().run(policy, {
  valid: [
    { name: 'every file was inspected', plan, facts: { code: codeFacts() } },
    { name: 'no code facts were gathered', plan, facts: {} },
  ],
  invalid: [
    {
      name: 'the parser itself could not read a file: says so, and that deploy-plan is not at fault',
      plan,
      facts: { code: codeFacts({ failures: [{ ...failure, stage: 'parse' }] }) },
      errors: [{ messageId: 'unparsable', pointer: '', file: failure.file, line: 3, column: 7 }],
    },
    {
      name: 'a file failed: one finding at that file, with the error',
      plan,
      facts: { code: codeFacts({ failures: [failure] }) },
      errors: [
        {
          messageId: 'failed',
          pointer: '',
          file: 'apps/demo/src/generated.ts',
          line: 3,
          column: 7,
          data: { error: failure.message },
        },
      ],
    },
    {
      name: 'the provider failed for the whole project: one finding at the project',
      plan,
      facts: { failures: [{ file: 'apps/demo', line: 1, column: 1, message: 'TypeError: x is not a function' }] },
      errors: [{ messageId: 'failed', pointer: '', file: 'apps/demo', line: 1, column: 1 }],
    },
  ],
});
