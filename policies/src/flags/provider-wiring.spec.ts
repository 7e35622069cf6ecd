import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './provider-wiring';

const plan = (flag: string, env = 'env: [{ name: UPLOAD_ENABLED, description: x }]') => planYaml(`featureFlags:\n  - ${flag}\n${env}`);

new PolicyTester().run(policy, {
  valid: [
    { name: 'env flag with a declared variable', plan: plan('{ key: upload, provider: env, env: UPLOAD_ENABLED }') },
    { name: 'an SDK flag needs no variable', plan: plan('{ key: upload, provider: openfeature }', '') },
  ],
  invalid: [
    { name: 'env flag without a variable', plan: plan('{ key: upload, provider: env }'), errors: [{ messageId: 'noEnvVar', pointer: '/featureFlags/0', line: 2, column: 5 }] },
    { name: 'the variable is not declared', plan: plan('{ key: upload, provider: env, env: UPLOAD_ON }'), errors: [{ messageId: 'envNotDeclared', pointer: '/featureFlags/0/env', line: 2, column: 40 }] },
    { name: 'a variable on an SDK flag', plan: plan('{ key: upload, provider: unleash, env: UPLOAD_ENABLED }'), errors: [{ messageId: 'envWithoutProvider', pointer: '/featureFlags/0/env', line: 2, column: 44 }] },
  ],
});
