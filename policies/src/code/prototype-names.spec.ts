// Plan names and code facts named like Object.prototype's properties are ordinary names for the
// code policies: matched when present, reported when missing, never found on a prototype.
import { type CodeFacts } from '@deploy-plan/core';
import { planYaml, runPolicyOnYaml } from '@deploy-plan/core/testing';
import { codeFacts } from '../util/testing';
import envMatches from './env-matches';
import flagsGuardCode from './flags-guard-code';
import healthRouteExists from './health-route-exists';
import metricsEmitted from './metrics-emitted';
import undeclaredFlags from './undeclared-flags';

const NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];
const site = { file: 'apps/demo/src/app.ts', line: 3, column: 1 };
const plan = planYaml(`
  healthChecks:
${NAMES.map((n) => `    - { path: /${n}, kind: liveness }`).join('\n')}
  featureFlags:
${NAMES.map((n) => `    - { key: ${n}, provider: openfeature, default: false, owner: team-demo }`).join('\n')}
  env:
${NAMES.map((n) => `    - { name: ${n}, required: true, description: the ${n} setting }`).join('\n')}
  monitoring:
    metrics:
${NAMES.map((n) => `      - { name: ${n}, type: counter, tracks: [request] }`).join('\n')}
`);
const all: CodeFacts = codeFacts({
  routes: NAMES.map((n) => ({ method: 'GET', path: `/${n}`, confidence: 'literal', framework: 'express', ...site })),
  flags: NAMES.map((n) => ({ key: n, provider: 'openfeature', guard: 'guards', ...site })),
  env: NAMES.map((n) => ({ name: n, ...site })),
  metrics: NAMES.map((n) => ({ name: n, type: 'counter', ...site })),
});
const policies = [envMatches, flagsGuardCode, healthRouteExists, metricsEmitted, undeclaredFlags];

describe('code policies and prototype names', () => {
  it.each(policies.map((p) => [p.id, p] as const))(
    '%s: present under those names, nothing to report',
    (_id, policy) => {
      expect(runPolicyOnYaml(policy, plan, {}, { code: all }).map((d) => d.message)).toEqual([]);
    },
  );

  it.each(policies.map((p) => [p.id, p] as const))(
    '%s: missing under those names, one finding each (or none)',
    (id, policy) => {
      const found = runPolicyOnYaml(policy, plan, {}, { code: codeFacts() });
      const expected = id === 'code/undeclared-flags' ? 0 : NAMES.length;
      expect(found).toHaveLength(expected);
      for (const d of found) expect(d.message).not.toMatch(/native code|\[object|function /);
    },
  );
});
