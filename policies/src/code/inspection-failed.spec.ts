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
      name: 'a project over the source-file cap: how many files were left out and how to raise the cap',
      plan,
      facts: { code: codeFacts({ unknowns: { routeSites: [], omittedFiles: 1234, fileLimit: 5000 } }) },
      errors: [
        {
          messageId: 'omitted',
          pointer: '',
          line: 1,
          column: 1,
          message:
            'Code inspection read the first 5000 source files of this project and left 1234 out, so the code ' +
            'checks of this plan may be incomplete. Raise `inspect.maxSourceFiles` in deploy-plan.config.yaml to ' +
            'read them all.',
        },
      ],
    },
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
