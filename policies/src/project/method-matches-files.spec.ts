import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import { fileFacts } from '../util/testing';
import policy from './method-matches-files';

const k8s = fileFacts({
  kubernetes: [{ file: 'apps/demo/k8s/deploy.yaml', kind: 'Deployment', name: 'demo', probes: [] }],
  dockerfiles: [{ file: 'apps/demo/Dockerfile', expose: [3000] }],
});
const vercel = fileFacts({ serverless: [{ file: 'apps/demo/vercel.json', kind: 'vercel' }] });

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'kubernetes with manifests',
      plan: planYaml(`
        deployment:
          method: kubernetes
      `),
      facts: { files: k8s },
    },
    {
      name: 'docker with a Dockerfile',
      plan: planYaml(`
        deployment:
          method: docker
      `),
      facts: { files: k8s },
    },
    {
      name: 'serverless on vercel',
      plan: planYaml(`
        deployment:
          method: serverless
      `),
      facts: { files: vercel },
    },
    {
      name: 'a helm chart counts as kubernetes',
      plan: planYaml(`
        deployment:
          method: kubernetes
      `),
      facts: { files: fileFacts({ serverless: [{ file: 'apps/demo/chart/Chart.yaml', kind: 'helm' }] }) },
    },
  ],
  invalid: [
    {
      name: 'kubernetes, but the project ships to vercel',
      plan: planYaml(`
        deployment:
          method: kubernetes
      `),
      facts: { files: vercel },
      errors: [
        {
          messageId: 'noEvidence',
          pointer: '/deployment/method',
          line: 2,
          column: 11,
          data: { found: ' (it has vercel config)' },
        },
      ],
    },
    {
      name: 'serverless, but the project has a Dockerfile and manifests',
      plan: planYaml(`
        deployment:
          method: serverless
      `),
      facts: { files: k8s },
      errors: [
        {
          messageId: 'noEvidence',
          pointer: '/deployment/method',
          line: 2,
          column: 11,
          data: { found: ' (it has Kubernetes manifests, a Dockerfile)' },
        },
      ],
    },
    {
      name: 'docker without a Dockerfile',
      plan: planYaml(`
        deployment:
          method: docker
      `),
      facts: { files: fileFacts() },
      errors: [{ messageId: 'noEvidence', pointer: '/deployment/method', line: 2, column: 11, data: { found: '' } }],
    },
  ],
});
