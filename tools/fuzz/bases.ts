// The valid documents the fuzzers start from: the example plans, plans built with
// `planYaml` (the test helper), and configs that use every part of config.schema.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planYaml } from '@deploy-plan/core/testing';
import { baseDoc, type BaseDoc } from './yaml-model';

export const REPO = path.resolve(__dirname, '../..');

const EXAMPLES = ['billing-db', 'invoice-worker', 'orders-api', 'storefront-web'];

const FIXTURE_BODIES: Record<string, string> = {
  minimal: '',
  waivers: `
    project: waived
    waivers:
      - policy: monitoring/metric-hygiene
        pointer: /monitoring/metrics/0
        reason: Units land with the dashboard rework
        owner: team-demo
        expires: "2027-02-01"
      - policy: rollout/staged
        reason: Single-stage until the canary controller exists
        owner: team-demo
        expires: "2026-12-31"
    monitoring:
      metrics:
        - name: error_rate
          type: gauge
          description: Share of failed requests
          tracks: [request]
          direction: lower-is-better
          interval: 1m
          failureLimit: 2
          thresholds: { alert: 1, rollback: 5 }
  `,
  rollout: `
    project: rolling
    rollout:
      strategy: canary
      stages:
        - name: canary-5
          weight: 5
          bake: 10m
          approval: automatic
          gates:
            - metric: error_rate
              threshold: 1
              initialDelay: 1m
              interval: 1m
              count: 5
              failureLimit: 1
        - name: full
          weight: 100
          bake: 1h
          approval: manual
    rollback:
      levels:
        - level: 1
          kind: feature-flag
          maxDuration: 2m
          useWhen: The new path misbehaves
          actions: [flagd off]
      triggers:
        - description: Errors spike
          response: immediate
          metric: error_rate
          operator: ">"
          value: 5
          level: 1
  `,
  flagsAndEnv: `
    project: flagged
    featureFlags:
      - key: new-ui
        provider: openfeature
        description: Switches the new UI on
        default: false
        owner: team-demo
        removeBy: "2027-06-30"
    env:
      - name: DATABASE_URL
        description: Connection string
        required: true
        secret: true
      - name: PORT
        default: 3000
    healthChecks:
      - path: /health/ready
        kind: readiness
        verifies: [db]
  `,
};

export function basePlans(): BaseDoc[] {
  const examples = EXAMPLES.map((name) =>
    baseDoc(name, fs.readFileSync(path.join(REPO, 'examples', name, 'deploy-plan.yaml'), 'utf8')),
  );
  const fixtures = Object.entries(FIXTURE_BODIES).map(([name, body]) => baseDoc(`planYaml:${name}`, planYaml(body)));
  return [...examples, ...fixtures];
}

const CONFIGS: Record<string, string> = {
  full: `
$schema: ./node_modules/@deploy-plan/core/schemas/config.schema.json
extends: [recommended, strict]
failOn: important
policies:
  rollout/stages-rise-to-full: minor
  rollback/time-to-detect:
    severity: important
    options: { level1: 5m, level2: 10m, level3: 15m }
  code/env-matches:
    options:
      ignore: [NODE_ENV, "npm_*", "VERCEL*"]
  completeness/no-placeholders: off
overrides:
  - projects: ["orders-*", "billing-db"]
    policies: { rollout/staged: minor }
  - projects: ["*-web", "demo"]
    policies:
      rollback/time-to-detect: { severity: critical, options: { level1: 1m } }
ignore: ["tools/templates/**", "**/fixtures/**"]
maxFileSize: 1048576
waivers:
  maxLifetime: { critical: 14d, important: 30d, minor: 1h30m }
inspect:
  routeWrappers:
    - { callee: registerRoute, methodArgument: 0, pathArgument: 1, handlerArgument: 2 }
    - { callee: api.route, method: GET, pathArgument: 0 }
  flagWrappers: [{ callee: isEnabled, keyArgument: 0, provider: openfeature }]
  dependencyClients: [db, redis]
`,
  small: `
extends: recommended
failOn: minor
policies:
  rollout/staged: off
`,
  overridesOnly: `
overrides:
  - projects: ["legacy-*"]
    policies: { rollback/time-to-detect: off }
  - projects: [orders-api, "invoice-?orker"]
    policies: { monitoring/metric-hygiene: important }
policyDirs: [tools/policies]
`,
};

export function baseConfigs(): BaseDoc[] {
  return Object.entries(CONFIGS).map(([name, text]) => baseDoc(`config:${name}`, text.replace(/^\n/, '')));
}

/** The `project` a base plan declares. */
export function projectOf(base: BaseDoc): string {
  const tree = base.tree;
  const entry = tree.t === 'map' ? tree.entries.find((e) => e.key === 'project') : undefined;
  return entry?.value.t === 'scalar' ? String(entry.value.v) : '?';
}
