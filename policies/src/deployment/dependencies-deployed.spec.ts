import { PolicyTester, planYaml } from '@deploy-plan/core/testing';
import policy from './dependencies-deployed';

new PolicyTester().run(policy, {
  valid: [
    {
      name: 'a glob covers the files, the service is deployed by name',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          dependencies:
            files: [{ path: src/api/files.ts }, { path: src/services/** }]
            services: [{ name: S3 storage }]
            apis: [{ name: CRM API, preExisting: true }]
        deployment:
          method: docker
          steps:
            - { id: ship, deploys: [src/**, s3 storage] }
      `),
    },
    {
      name: 'exact paths and a folder',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          dependencies:
            files: [{ path: src/api/files.ts }, { path: src/services/** }]
            services: [{ name: S3 storage }]
            apis: [{ name: CRM API, preExisting: true }]
        deployment:
          method: docker
          steps:
            - { id: ship, deploys: [src/api/files.ts, src/services, S3 storage] }
      `),
    },
    {
      name: 'everything pre-existing',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          dependencies:
            services: [{ name: redis, preExisting: true }]
        deployment:
          method: docker
          steps:
            - { id: ship, deploys: [] }
      `),
    },
  ],
  invalid: [
    {
      name: 'nothing deployed',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          dependencies:
            files: [{ path: src/api/files.ts }, { path: src/services/** }]
            services: [{ name: S3 storage }]
            apis: [{ name: CRM API, preExisting: true }]
        deployment:
          method: docker
          steps:
            - { id: ship, deploys: [] }
      `),
      errors: [
        { messageId: 'fileNotDeployed', pointer: '/functionality/dependencies/files/0/path', line: 4, column: 21 },
        { messageId: 'fileNotDeployed', pointer: '/functionality/dependencies/files/1/path', line: 4, column: 49 },
        {
          messageId: 'notDeployed',
          pointer: '/functionality/dependencies/services/0/name',
          line: 5,
          column: 24,
          data: { kind: 'service', name: 'S3 storage' },
        },
      ],
    },
    {
      name: 'a glob in another folder does not cover',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          dependencies:
            files: [{ path: src/api/files.ts }, { path: src/services/** }]
            services: [{ name: S3 storage }]
            apis: [{ name: CRM API, preExisting: true }]
        deployment:
          method: docker
          steps:
            - { id: ship, deploys: [lib/**, S3 storage] }
      `),
      errors: [
        { messageId: 'fileNotDeployed', pointer: '/functionality/dependencies/files/0/path', line: 4, column: 21 },
        { messageId: 'fileNotDeployed', pointer: '/functionality/dependencies/files/1/path', line: 4, column: 49 },
      ],
    },
    {
      name: 'an API neither deployed nor pre-existing',
      plan: planYaml(`
        functionality:
          purpose: Uploads
          dependencies:
            apis: [{ name: payments-api }]
        deployment:
          method: docker
          steps:
            - { id: ship, deploys: [payments] }
      `),
      errors: [
        {
          messageId: 'notDeployed',
          pointer: '/functionality/dependencies/apis/0/name',
          line: 4,
          column: 20,
          data: { kind: 'API', name: 'payments-api' },
        },
      ],
    },
  ],
});
