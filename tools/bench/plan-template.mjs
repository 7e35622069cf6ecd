// A realistic deploy plan of about 150 lines, varied by index, for benchmarks. The shape follows
// the deployment method's worked example (File Upload to CRM): an API with a flag, staged
// rollout, functionality metrics, three rollback levels and triggers.
const FEATURES = ['upload', 'checkout', 'search', 'export', 'invite', 'billing', 'report', 'sync'];
const TYPES = [['api'], ['api', 'integration'], ['ui'], ['background-job']];

export function planFor(i) {
  const f = FEATURES[i % FEATURES.length];
  const name = `${f}-service-${i}`;
  const types = TYPES[i % TYPES.length];
  const ui = types.includes('ui');
  const flows = ui
    ? { user: ['open', 'submit', 'confirm'], admin: ['configure'], system: ['receive', 'store', 'respond'] }
    : types.includes('background-job')
      ? { job: ['enqueue', 'take'], processing: ['validate', 'work'], state: ['done'], error: ['retry', 'fail'] }
      : types.includes('integration')
        ? {
            request: ['receive'],
            response: ['created'],
            error: ['invalid', 'upstream'],
            data: ['store'],
            integration: ['send'],
            state: ['synced'],
          }
        : {
            request: ['receive', 'validate'],
            response: ['created'],
            error: ['invalid', 'upstream'],
            data: ['store', 'notify'],
          };
  const flowYaml = Object.entries(flows)
    .map(([flow, steps]) => {
      const items = steps.map(
        (s) => `      - id: ${flow}-${s}\n        description: The ${f} ${flow} flow ${s}s the request`,
      );
      return `    ${flow}:\n${items.join('\n')}`;
    })
    .join('\n');
  const allSteps = Object.entries(flows).flatMap(([flow, steps]) => steps.map((s) => `${flow}-${s}`));
  const successTrigger = `description: Success below 50%, response: immediate, metric: ${f}_success_rate`;
  const latencyTrigger = `description: Latency above 30s, response: evaluate, within: 15m, metric: ${f}_latency_p95`;
  return `# yaml-language-server: $schema=../../schemas/deploy-plan.schema.json
apiVersion: deploy-plan/v1
project: ${name}
owner: team-${f}
codeTypes: [${types.join(', ')}]

functionality:
  purpose: >
    Users need to ${f} their data reliably. Files are validated, stored securely and sent to
    the CRM so authorised users can see them. Service number ${i}.
  requirements:
    - Must accept ${f} requests up to 10MB and validate type and size
    - Must store results in S3 and send metadata to the CRM API
  constraints:
    performance: Completes within 30s for 10MB
    scale: ${50 + (i % 200)} concurrent requests
    security: Encrypted at rest, access controlled
    storage: 100GB limit
  dependencies:
    files:
      - path: src/${f}/handler.ts
      - path: src/${f}/storage.ts
    services:
      - name: s3-storage
        preExisting: true
    apis:
      - name: crm-api
        endpoint: POST /crm/files
        preExisting: true
    libraries: [aws-sdk, axios]
  edgeCases:
    - id: too-large
      description: Input exceeds the size limit
      handledBy: [${allSteps[1]}]
    - id: crm-down
      description: CRM API unavailable
      handledBy: [${allSteps[allSteps.length - 1]}, e2e-main]
  verification:
    - { id: e2e-main, kind: e2e, description: Complete flow to CRM visibility, command: npx nx e2e ${name} }
    - { id: success, kind: success-metric, description: 99% success, metric: ${f}_success_rate, target: ">= 99" }
  context: { location: apps/${name}/src, structure: Node.js backend, architecture: REST API }
  flows:
${flowYaml}

deployment:
  method: kubernetes
  environments: [{ name: staging }, { name: production, approval: manual }]
  steps:
    - id: backend
      name: Deploy backend
      deploys: [src/**]
      supports: [${allSteps.slice(0, 3).join(', ')}]
      commands: [npm run build, npm run deploy:staging]
      verify:
        command: curl -fsS https://staging.example.com/${f}/health
        expect: 200 OK
    - id: frontend
      name: Deploy frontend
      dependsOn: [backend]
      supports: [${allSteps.slice(3).join(', ')}]
      commands: [npm run deploy:production]
      verify:
        command: curl -fsS https://example.com/${f}
        expect: 200 OK

healthChecks:
  - path: /health/live
    kind: liveness
  - path: /health/ready
    kind: readiness
    verifies: [s3-storage, crm-api]

featureFlags:
  - key: ${f}-enabled
    provider: env
    env: ${f.toUpperCase()}_ENABLED
    default: false
    guards: [${allSteps[0]}]
    owner: team-${f}
    removeBy: "2027-06-30"

env:
  - { name: CRM_API_URL, description: CRM base URL, required: true }
  - { name: CRM_API_KEY, description: CRM token, required: true, secret: true }
  - { name: ${f.toUpperCase()}_ENABLED, description: Feature flag for ${f} }

rollout:
  strategy: canary
  stages:
    - weight: 10
      bake: 30m
      gates:
        - { metric: ${f}_success_rate, threshold: 95, initialDelay: 5m, interval: 1m, count: 10 }
    - weight: 50
      bake: 1h
      gates:
        - { metric: ${f}_success_rate, threshold: 95, initialDelay: 5m, interval: 5m, count: 10 }
    - weight: 100
      bake: 1h
      gates:
        - { metric: ${f}_latency_p95, threshold: 30, initialDelay: 5m, interval: 5m, count: 10 }

monitoring:
  metrics:
    - name: ${f}_success_rate
      type: gauge
      description: Success rate
      tracks: [${Object.keys(flows).join(', ')}]
      direction: higher-is-better
      unit: percent
      interval: 1m
      failureLimit: 2
      thresholds: { alert: 95, rollback: 50 }
    - name: ${f}_latency_p95
      type: histogram
      description: p95 latency
      tracks: [${allSteps[0]}]
      direction: lower-is-better
      unit: seconds
      interval: 1m
      failureLimit: 2
      thresholds: { alert: 30, rollback: 60 }
  alerts:
    - { name: broken, metric: ${f}_success_rate, operator: "<", value: 50, action: rollback-immediate }
    - { name: degraded, metric: ${f}_success_rate, operator: "<", value: 95, action: alert-team }

rollback:
  levels:
    - level: 1
      kind: feature-flag
      maxDuration: 2m
      useWhen: Functionality breaks
      actions: [kubectl set env deploy/${name} ${f.toUpperCase()}_ENABLED=false]
      verification:
        - { command: curl -fsS https://api.example.com/health, expect: "features.${f} false" }
    - level: 2
      kind: configuration
      maxDuration: 5m
      useWhen: Configuration breaks functionality
      actions: [git checkout HEAD~1 config/, kubectl apply -k k8s]
      verification:
        - { command: curl -fsS https://api.example.com/health/ready, expect: 200 OK }
    - level: 3
      kind: code
      maxDuration: 10m
      useWhen: Code breaks functionality
      actions: [kubectl rollout undo deploy/${name}]
      verification:
        - { command: npm test, expect: All tests pass }
  triggers:
    - { ${successTrigger}, operator: "<", value: 50, level: 1 }
    - { ${latencyTrigger}, operator: ">", value: 30, level: 3 }
    - { description: Data lost or corrupted, response: immediate, signal: data-loss, level: 3 }
    - { description: Single user report, response: monitor, signal: user-reports }
`;
}

/** The project files the plan talks about: package.json scripts and a Kubernetes manifest with probes. */
export function projectFilesFor(i) {
  const f = FEATURES[i % FEATURES.length];
  const name = `${f}-service-${i}`;
  return {
    'package.json':
      JSON.stringify(
        {
          name,
          private: true,
          scripts: {
            build: 'tsc',
            test: 'jest',
            e2e: 'playwright test',
            'deploy:staging': 'kubectl apply -k k8s',
            'deploy:production': 'kubectl apply -k k8s',
          },
        },
        null,
        2,
      ) + '\n',
    'k8s/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/${name}:1.0.0
          livenessProbe:
            httpGet: { path: /health/live, port: 3000 }
          readinessProbe:
            httpGet: { path: /health/ready, port: 3000 }
`,
  };
}
