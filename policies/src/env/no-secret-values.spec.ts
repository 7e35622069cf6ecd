import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './no-secret-values';

const env = (fields: string) => planYaml(`env:\n  - { name: API_KEY, secret: true${fields} }`);

new PolicyTester().run(policy, {
  valid: [
    { name: 'no value', plan: env('') },
    { name: 'a placeholder example', plan: env(', example: "<api-key>"') },
    { name: 'a non-secret may have a default', plan: planYaml('env:\n  - { name: PORT, default: 3000 }') },
  ],
  invalid: [
    { name: 'a default', plan: env(', default: abc'), errors: [{ messageId: 'secretDefault', pointer: '/env/0/default', line: 2, column: 45 }] },
    { name: 'a real-looking example', plan: env(', example: sk_live_4eC39HqLyjWDarjtT1zdp7dc'), errors: [{ messageId: 'secretExample', pointer: '/env/0/example', line: 2, column: 45 }] },
  ],
});
