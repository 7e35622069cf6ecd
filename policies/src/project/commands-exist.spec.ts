import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import { fileFacts } from '../util/testing';
import policy from './commands-exist';

const files = fileFacts({
  packageJson: { name: 'demo', scripts: { build: 'tsc', 'deploy:staging': 'kubectl apply -k k8s', test: 'jest' }, dependencies: [], bin: false },
  targets: ['build', 'deploy:staging', 'test', 'e2e'],
});
const steps = (commands: string) => planYaml(`deployment:\n  method: docker\n  steps:\n    - id: ship\n      commands: ${commands}`);

new PolicyTester().run(policy, {
  valid: [
    { name: 'scripts and targets that exist', plan: steps('[npm run build, npm test, npx nx e2e demo, "BASE_URL=x npm run deploy:staging"]'), facts: { files } },
    { name: 'plain shell commands', plan: steps('[kubectl rollout status deploy/demo, "curl -fsS https://x | jq ."]'), facts: { files } },
    { name: "another project's target is not judged without the graph", plan: steps('[npx nx build other-app]'), facts: { files } },
    { name: 'no project facts', plan: steps('[npm run nothing]') },
  ],
  invalid: [
    {
      name: 'a misspelt script',
      plan: steps('[npm run deploy:stagin]'),
      facts: { files },
      errors: [{ messageId: 'noScript', pointer: '/deployment/steps/0/commands/0', line: 5, column: 18, data: { name: 'deploy:stagin' } }],
    },
    {
      name: 'a missing target, in a verify command',
      plan: planYaml('deployment:\n  method: docker\n  steps:\n    - id: ship\n      verify: { command: npx nx run demo:smoke, expect: ok }'),
      facts: { files },
      errors: [{ messageId: 'noTarget', pointer: '/deployment/steps/0/verify/command', line: 5, column: 26, data: { target: 'smoke', project: 'demo' } }],
    },
    {
      name: "another project's target, known from the graph",
      plan: steps('[npx nx deploy other-app]'),
      facts: { files, graph: { dependencies: {}, targets: { 'other-app': ['build'] } } },
      errors: [{ messageId: 'noTarget', pointer: '/deployment/steps/0/commands/0', line: 5, column: 18, data: { project: 'other-app' } }],
    },
    {
      name: 'a script in a project without package.json',
      plan: planYaml('rollback:\n  levels:\n    - { level: 3, kind: code, actions: [npm run rollback] }'),
      facts: { files: fileFacts() },
      errors: [{ messageId: 'noPackageJson', pointer: '/rollback/levels/0/actions/0', line: 3, column: 41 }],
    },
  ],
});
