import { definePolicy } from '@deploy-plan/core';
import { coverage } from '../util/glob';

export default definePolicy({
  id: 'deployment/dependencies-deployed',
  meta: {
    severity: 'critical',
    checklist: 'critical-1',
    description: 'Every dependency (file, service, API) is deployed by a step or marked as pre-existing',
    rationale:
      'A dependency nobody deploys is the classic broken release: the code ships but ' +
      'the bucket, the queue or the API it calls does not exist yet. Each one is ' +
      'either deployed by a step (`deploys`) or declared already running ' +
      '(`preExisting: true`).',
    messages: {
      fileNotDeployed:
        'No deployment step deploys `{{path}}`; add it (or a glob covering it) to a ' +
        "step's `deploys`, or mark it `preExisting: true`.",
      notDeployed:
        "No deployment step deploys the {{kind}} `{{name}}`; add it to a step's " +
        '`deploys`, or mark it `preExisting: true` if it already runs.',
    },
    examples: {
      fail: 'dependencies:\n  services: [{ name: s3-storage }]\ndeployment:\n  steps: [{ id: api, deploys: [src/**] }]',
      pass:
        'dependencies:\n  services: [{ name: s3-storage }]\ndeployment:\n  steps:\n    - ' +
        '{ id: bucket, deploys: [s3-storage] }\n    - { id: api, dependsOn: [bucket], ' +
        'deploys: [src/**] }',
    },
  },
  check({ plan, report }) {
    const deployed = (plan.deployment.steps ?? []).flatMap((s) => s.deploys ?? []);
    const deps = plan.functionality.dependencies ?? {};
    const isDeployed = coverage(deployed);
    (deps.files ?? []).forEach((file, i) => {
      if (file.preExisting || isDeployed(file.path)) return;
      report({
        messageId: 'fileNotDeployed',
        data: { path: file.path },
        pointer: `/functionality/dependencies/files/${i}/path`,
      });
    });
    for (const kind of ['services', 'apis'] as const) {
      (deps[kind] ?? []).forEach((dep, i) => {
        if (dep.preExisting || deployed.some((d) => d.trim().toLowerCase() === dep.name.trim().toLowerCase())) return;
        report({
          messageId: 'notDeployed',
          data: { kind: kind === 'apis' ? 'API' : 'service', name: dep.name },
          pointer: `/functionality/dependencies/${kind}/${i}/name`,
        });
      });
    }
  },
});
