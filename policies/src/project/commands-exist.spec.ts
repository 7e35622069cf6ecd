import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import { fileFacts } from '../util/testing';
import policy from './commands-exist';

const files = fileFacts({
  packageJson: {
    name: 'demo',
    scripts: { build: 'tsc', 'deploy:staging': 'kubectl apply -k k8s', test: 'jest' },
    dependencies: [],
    bin: false,
  },
  targets: ['build', 'deploy:staging', 'test', 'e2e'],
});

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'scripts and targets that exist',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - id: ship
              commands: [npm run build, npm test, npx nx e2e demo, "BASE_URL=x npm run deploy:staging"]
      `),
      facts: { files },
    },
    {
      name: 'plain shell commands',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - id: ship
              commands: [kubectl rollout status deploy/demo, "curl -fsS https://x | jq ."]
      `),
      facts: { files },
    },
    {
      name: "another project's target is not judged without the graph",
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - id: ship
              commands: [npx nx build other-app]
      `),
      facts: { files },
    },
    {
      name: "an integrated repository: a script in the workspace root's package.json",
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - id: ship
              commands: [npm run deploy:demo]
      `),
      facts: { files: fileFacts({ workspaceScripts: { 'deploy:demo': 'kubectl apply -k apps/demo/k8s' } }) },
    },
    {
      name: 'a target a plugin may infer, before Nx has computed a graph, is not called missing',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - id: ship
              commands: [npx nx container demo]
      `),
      facts: { files: { ...files, nxPlugins: true } },
    },
    {
      name: "an inferred target from the graph node whose root is the project's, under another name",
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - id: ship
              commands: [npx nx container demo]
      `),
      facts: {
        files: { ...files, nxPlugins: true },
        graph: {
          dependencies: {},
          targets: { 'demo-app': ['build', 'container'] },
          roots: { 'demo-app': 'apps/demo' },
        },
      },
    },
    {
      name: 'no project facts',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - id: ship
              commands: [npm run nothing]
      `),
    },
  ],
  invalid: [
    {
      name: 'a misspelt script',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - id: ship
              commands: [npm run deploy:stagin]
      `),
      facts: { files },
      errors: [
        {
          messageId: 'noScript',
          pointer: '/deployment/steps/0/commands/0',
          line: 5,
          column: 18,
          data: { name: 'deploy:stagin' },
        },
      ],
    },
    {
      name: 'a missing target, in a verify command',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - id: ship
              verify: { command: npx nx run demo:smoke, expect: ok }
      `),
      facts: { files },
      errors: [
        {
          messageId: 'noTarget',
          pointer: '/deployment/steps/0/verify/command',
          line: 5,
          column: 26,
          data: { target: 'smoke', project: 'demo' },
        },
      ],
    },
    {
      name: "another project's target, known from the graph",
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - id: ship
              commands: [npx nx deploy other-app]
      `),
      facts: { files, graph: { dependencies: {}, targets: { 'other-app': ['build'] } } },
      errors: [
        {
          messageId: 'noTarget',
          pointer: '/deployment/steps/0/commands/0',
          line: 5,
          column: 18,
          data: { project: 'other-app' },
        },
      ],
    },
    {
      name: 'a script in a project without package.json',
      plan: planYaml(`
        rollback:
          levels:
            - { level: 3, kind: code, actions: [npm run rollback] }
      `),
      facts: { files: fileFacts() },
      errors: [{ messageId: 'noPackageJson', pointer: '/rollback/levels/0/actions/0', line: 3, column: 41 }],
    },
    {
      name: "an integrated repository: a misspelt script of the workspace root's package.json",
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - id: ship
              commands: [npm run deploy:dmeo]
      `),
      facts: { files: fileFacts({ workspaceScripts: { 'deploy:demo': 'kubectl apply -k apps/demo/k8s' } }) },
      errors: [
        {
          messageId: 'noScript',
          message: '`npm run deploy:dmeo` runs the npm script `deploy:dmeo`, which is not in package.json.',
          pointer: '/deployment/steps/0/commands/0',
          line: 5,
          column: 18,
        },
      ],
    },
    {
      name: 'a target missing from the graph, where plugins infer targets',
      plan: planYaml(`
        deployment:
          method: docker
          steps:
            - id: ship
              commands: [npx nx contaner demo]
      `),
      facts: {
        files: { ...files, nxPlugins: true },
        graph: {
          dependencies: {},
          targets: { 'demo-app': ['build', 'container'] },
          roots: { 'demo-app': 'apps/demo' },
        },
      },
      errors: [
        {
          messageId: 'noTarget',
          pointer: '/deployment/steps/0/commands/0',
          line: 5,
          column: 18,
          data: { target: 'contaner', project: 'demo' },
        },
      ],
    },
  ],
});
