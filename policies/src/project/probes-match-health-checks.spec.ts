import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import { fileFacts } from '../util/testing';
import policy from './probes-match-health-checks';

const checks = planYaml(`
  healthChecks:
    - { path: /health/live, kind: liveness }
    - { path: /health/ready, kind: readiness, verifies: [db] }
`);
const workload = (probes: { kind: 'liveness' | 'readiness'; path: string; line: number }[]) =>
  fileFacts({
    kubernetes: [
      {
        file: 'apps/demo/k8s/deployment.yaml',
        kind: 'Deployment',
        name: 'demo',
        probes: probes.map((p) => ({ ...p, port: 3000 })),
      },
    ],
  });

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'probes call the declared checks',
      plan: checks,
      facts: {
        files: workload([
          { kind: 'liveness', path: '/health/live', line: 16 },
          { kind: 'readiness', path: '/health/ready', line: 21 },
        ]),
      },
    },
    {
      name: 'a Docker HEALTHCHECK on the liveness check',
      plan: checks,
      facts: {
        files: fileFacts({
          dockerfiles: [
            {
              file: 'apps/demo/Dockerfile',
              expose: [],
              healthcheck: { command: 'curl -f http://localhost/health/live', path: '/health/live', line: 5 },
            },
          ],
        }),
      },
    },
    { name: 'no manifests', plan: checks, facts: { files: fileFacts() } },
  ],
  invalid: [
    {
      name: 'a readiness probe on an unknown path (and so the readiness check is never probed)',
      plan: checks,
      facts: { files: workload([{ kind: 'readiness', path: '/healthz', line: 21 }]) },
      errors: [
        {
          messageId: 'notProbed',
          pointer: '/healthChecks/1/path',
          file: 'apps/demo/deploy-plan.yaml',
          line: 3,
          column: 13,
        },
        {
          messageId: 'unknownProbe',
          pointer: '/healthChecks',
          file: 'apps/demo/k8s/deployment.yaml',
          line: 21,
          column: 1,
        },
      ],
    },
    {
      name: 'the readiness probe calls the liveness check',
      plan: checks,
      facts: { files: workload([{ kind: 'readiness', path: '/health/live', line: 21 }]) },
      errors: [
        { messageId: 'notProbed', pointer: '/healthChecks/1/path', line: 3, column: 13 },
        {
          messageId: 'readinessOnLiveness',
          pointer: '/healthChecks/0/kind',
          file: 'apps/demo/k8s/deployment.yaml',
          line: 21,
          column: 1,
        },
      ],
    },
    {
      name: 'a Docker HEALTHCHECK on an unknown path',
      plan: checks,
      facts: {
        files: fileFacts({
          dockerfiles: [
            {
              file: 'apps/demo/Dockerfile',
              expose: [],
              healthcheck: { command: 'wget -qO- http://localhost:3000/ping', path: '/ping', line: 8 },
            },
          ],
        }),
      },
      errors: [
        { messageId: 'unknownDockerCheck', pointer: '/healthChecks', file: 'apps/demo/Dockerfile', line: 8, column: 1 },
      ],
    },
  ],
});
