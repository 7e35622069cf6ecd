import type { Diagnostic } from '@deploy-plan/core';
import type { FormatInput, RuleInfo } from '../types';

/**
 * One set of findings every format is tested on: a failing plan with a code finding (plan ↔
 * code), a waived finding, a plan in a folder with a space whose message carries every
 * character some format must escape, a clean plan, a plan that does not parse (its policies
 * did not run), and a config problem.
 */

const docs = (id: string) => `https://github.com/deploy-plan/deploy-plan/blob/main/docs/policies/${id}.md`;

export const RULES: readonly RuleInfo[] = [
  { id: 'plan/yaml-syntax', kind: 'builtin', severity: 'critical', description: 'The plan is well-formed YAML', rationale: 'A plan that does not parse cannot be checked.', docsUrl: docs('plan/yaml-syntax') },
  { id: 'plan/schema', kind: 'builtin', severity: 'critical', description: 'The plan matches the deploy-plan v1 schema', rationale: 'Policies read the plan as the schema describes it.', docsUrl: docs('plan/schema') },
  { id: 'config/invalid', kind: 'builtin', severity: 'critical', description: 'The config names known policies with valid options', rationale: 'A setting that cannot apply is reported, not ignored.', docsUrl: docs('config/invalid') },
  {
    id: 'code/health-route-exists',
    kind: 'policy',
    severity: 'critical',
    description: 'Each planned health check is served by a route in the code',
    rationale: 'A probe on a path nobody serves fails the rollout or, worse, passes against a catch-all.',
    docsUrl: docs('code/health-route-exists'),
    checklist: ['critical-5'],
  },
  {
    id: 'flags/safe-default',
    kind: 'policy',
    severity: 'important',
    description: 'Feature flags default to off',
    rationale: 'When the provider is unreachable, new functionality must stay off.',
    docsUrl: docs('flags/safe-default'),
    checklist: ['important-2'],
  },
  {
    id: 'monitoring/alerts-match-thresholds',
    kind: 'policy',
    severity: 'minor',
    description: 'Alerts fire at the thresholds the metrics declare',
    rationale: 'An alert and a threshold that disagree confuse the on-call engineer.',
    docsUrl: docs('monitoring/alerts-match-thresholds'),
    checklist: ['minor-3'],
  },
  {
    id: 'rollout/stages-rise-to-full',
    kind: 'policy',
    severity: 'important',
    description: 'Rollout stages rise to 100%',
    rationale: 'A rollout that never reaches everyone is not finished.',
    docsUrl: docs('rollout/stages-rise-to-full'),
    checklist: ['important-1'],
  },
];

const base = (id: string) => ({ ruleId: id, docsUrl: docs(id) });

export const ORDERS = 'examples/orders-api/deploy-plan.yaml';
export const WEB = 'apps/web app/deploy-plan.yaml';
export const CLEAN = 'services/clean/deploy-plan.yaml';
export const BROKEN = 'services/broken/deploy-plan.yaml';
export const CONFIG = 'deploy-plan.config.yaml';

/** A message with what workflow commands, XML, Markdown and JSON each must escape. */
export const HOSTILE = 'Alert `a|b` fires at 95% but <threshold> & "limit" is 40:\nsee dashboard, é ✓';

export const DIAGNOSTICS: readonly Diagnostic[] = [
  {
    ...base('plan/schema'),
    severity: 'critical',
    message: '`deployment.method` is `kubernets`, which is not one of docker, kubernetes, serverless.',
    messageId: 'notAllowed',
    data: { path: '`deployment.method`', actual: '`kubernets`' },
    file: ORDERS,
    line: 12,
    column: 11,
    endLine: 12,
    endColumn: 20,
    pointer: '/deployment/method',
    project: 'orders-api',
    hint: 'Did you mean `kubernetes`?',
  },
  {
    ...base('code/health-route-exists'),
    severity: 'critical',
    message: 'Health check `/health/ready` is not served by any route in the code.',
    messageId: 'missing',
    data: { path: '/health/ready' },
    file: ORDERS,
    line: 140,
    column: 11,
    endLine: 140,
    endColumn: 24,
    pointer: '/healthChecks/1/path',
    project: 'orders-api',
    related: [{ file: 'examples/orders-api/src/routes/health.ts', line: 8, column: 3, endLine: 8, endColumn: 40, message: 'the health router only serves /health/live' }],
  },
  {
    ...base('flags/safe-default'),
    severity: 'important',
    message: 'Flag `express-checkout` defaults to `true`.',
    messageId: 'unsafeDefault',
    data: { flag: 'express-checkout' },
    file: ORDERS,
    line: 184,
    column: 14,
    pointer: '/featureFlags/0/default',
    project: 'orders-api',
    suppressed: { kind: 'waiver', reason: 'Flag is on for the beta cohort only', owner: 'team-orders', expires: '2027-01-31' },
  },
  {
    ...base('monitoring/alerts-match-thresholds'),
    severity: 'minor',
    message: HOSTILE,
    messageId: 'mismatch',
    data: { alert: 'a|b' },
    file: WEB,
    line: 40,
    column: 5,
    pointer: '/monitoring/alerts/0/value',
    project: 'web-app',
  },
  {
    ...base('plan/yaml-syntax'),
    severity: 'critical',
    message: 'Bad indentation of a mapping entry.',
    messageId: 'syntax',
    file: BROKEN,
    line: 3,
    column: 7,
    project: 'broken',
  },
];

export const CONFIG_DIAGNOSTICS: readonly Diagnostic[] = [
  {
    ...base('config/invalid'),
    severity: 'critical',
    message: 'Unknown policy `rollout/stages-rise`.',
    messageId: 'unknownPolicy',
    data: { policy: 'rollout/stages-rise' },
    file: CONFIG,
    line: 4,
    column: 5,
    pointer: '/policies/rollout~1stages-rise',
    hint: 'Did you mean `rollout/stages-rise-to-full`?',
  },
];

const ALL_POLICIES = RULES.filter((r) => r.kind === 'policy').map((r) => r.id);

export const INPUT: FormatInput = {
  version: '0.1.0',
  rules: RULES,
  diagnostics: DIAGNOSTICS,
  configDiagnostics: CONFIG_DIAGNOSTICS,
  plans: [
    { file: ORDERS, project: 'orders-api', readiness: 'none', checked: true, policies: ALL_POLICIES },
    // The config turns rollout/stages-rise-to-full off for web-app.
    { file: WEB, project: 'web-app', readiness: 'silver', checked: true, policies: ALL_POLICIES.filter((id) => id !== 'rollout/stages-rise-to-full') },
    { file: CLEAN, project: 'clean', readiness: 'gold', checked: true, policies: ALL_POLICIES },
    { file: BROKEN, project: 'broken', readiness: 'none', checked: false, policies: ALL_POLICIES },
  ],
  failOn: 'critical',
};
