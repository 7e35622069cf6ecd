import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { definePolicy, type AnyPolicy } from '../policy/define-policy';
import { loadConfig } from './load-config';
import { resolveConfig } from './resolve-config';

const policy = (
  id: string,
  severity: 'critical' | 'important' | 'minor',
  options?: AnyPolicy['meta']['options'],
): AnyPolicy =>
  definePolicy({
    id,
    meta: { severity, checklist: 'minor-1', description: id, rationale: id, messages: { m: 'm' }, options },
    check: () => undefined,
  });

const POLICIES = [
  policy('rollout/stages-rise-to-full', 'important'),
  policy('monitoring/metric-hygiene', 'minor'),
  policy('rollback/level-time-budget', 'critical', {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { level1: { type: 'string', pattern: '^[0-9]+m$' } },
    },
    defaults: { level1: '5m' },
  }),
];

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-config-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function resolve(yaml?: string) {
  if (yaml !== undefined) fs.writeFileSync(path.join(root, 'deploy-plan.config.yaml'), yaml);
  return resolveConfig(loadConfig(root), POLICIES);
}
const severities = (config: ReturnType<typeof resolve>, project = 'demo') =>
  Object.fromEntries(config.policiesFor(project).map((r) => [r.policy.id, r.severity]));

describe('resolveConfig', () => {
  it('defaults to the recommended preset when there is no config', () => {
    const config = resolve();
    expect(config.file).toBeUndefined();
    expect(severities(config)).toEqual({
      'rollout/stages-rise-to-full': 'important',
      'monitoring/metric-hygiene': 'minor',
      'rollback/level-time-budget': 'critical',
    });
    expect(config.diagnostics).toEqual([]);
  });

  it('raises minor policies to important with the strict preset', () => {
    expect(severities(resolve('extends: strict\n'))['monitoring/metric-hygiene']).toBe('important');
  });

  it('turns policies off and changes severities', () => {
    const config = resolve(
      'policies:\n  monitoring/metric-hygiene: off\n  rollout/stages-rise-to-full: critical\nfailOn: important\n',
    );
    expect(severities(config)).toEqual({
      'rollout/stages-rise-to-full': 'critical',
      'rollback/level-time-budget': 'critical',
    });
    expect(config.failOn).toBe('important');
  });

  it('applies overrides by project name or glob, later ones winning', () => {
    const config = resolve(
      [
        'overrides:',
        '  - projects: ["legacy-*"]',
        '    policies: { rollout/stages-rise-to-full: off }',
        '  - projects: [legacy-billing]',
        '    policies: { rollout/stages-rise-to-full: minor }',
      ].join('\n'),
    );
    expect(severities(config, 'orders')['rollout/stages-rise-to-full']).toBe('important');
    expect(severities(config, 'legacy-crm')['rollout/stages-rise-to-full']).toBeUndefined();
    expect(severities(config, 'legacy-billing')['rollout/stages-rise-to-full']).toBe('minor');
  });

  it('merges options over the defaults', () => {
    const config = resolve(
      'policies:\n  rollback/level-time-budget: { severity: critical, options: { level1: 3m } }\n',
    );
    expect(config.policiesFor('demo').find((r) => r.policy.id === 'rollback/level-time-budget')!.options).toEqual({
      level1: '3m',
    });
  });

  it('reports an unknown policy at its key with a suggestion, and applies the rest', () => {
    const config = resolve('policies:\n  rollout/stages-rise-to-ful: off\n  monitoring/metric-hygiene: off\n');
    expect(config.diagnostics.map((d) => [d.ruleId, d.messageId, d.line, d.column, d.hint])).toEqual([
      ['config/invalid', 'unknownPolicy', 2, 3, 'Did you mean `rollout/stages-rise-to-full`?'],
    ]);
    expect(severities(config)['monitoring/metric-hygiene']).toBeUndefined();
  });

  it('does not call policy settings unknown when the run loads no policy (--schema-only)', () => {
    fs.writeFileSync(
      path.join(root, 'deploy-plan.config.yaml'),
      'policies:\n  rollout/stages-rise-to-full: off\n  code/env-matches: off\nfailOn: important\n',
    );
    const config = resolveConfig(loadConfig(root), [], { policiesLoaded: false });
    expect(config.diagnostics).toEqual([]);
    expect(config.failOn).toBe('important');
    // Without the flag, a run with no policies reports them: there is nothing they could name.
    expect(resolveConfig(loadConfig(root), []).diagnostics.map((d) => d.messageId)).toEqual([
      'unknownPolicy',
      'unknownPolicy',
    ]);
  });

  it('reports invalid options with their position and falls back to the defaults', () => {
    const config = resolve('policies:\n  rollback/level-time-budget:\n    options: { level1: 5 minutes }\n');
    const resolved = config.policiesFor('demo').find((r) => r.policy.id === 'rollback/level-time-budget')!;
    expect(resolved.options).toEqual({ level1: '5m' });
    expect(config.diagnostics.map((d) => [d.messageId, d.line, d.column])).toEqual([['badOptions', 3, 14]]);
    expect(config.diagnostics[0].message).toMatch(/`level1` must be/);
  });

  it("checks every override's options before any plan, whether or not a checked project matches it", () => {
    const config = resolve(
      'overrides:\n  - projects: [legacy-*]\n    policies:\n      ' +
        'rollback/level-time-budget:\n        options: { level1: soon }\n',
    );
    // Reported at once: no project has been asked for yet.
    expect(config.diagnostics.map((d) => [d.messageId, d.line, d.column])).toEqual([['badOptions', 5, 18]]);
    expect(config.policiesFor('legacy-api').find((r) => r.policy.id === 'rollback/level-time-budget')!.options).toEqual(
      { level1: '5m' },
    );
    expect(config.diagnostics).toHaveLength(1);
  });

  it('reports a project glob over 64 KiB (minimatch throws on it) instead of failing the run', () => {
    const long = `${'a'.repeat(70_000)}*`;
    const config = resolve(
      `overrides:\n  - projects: [demo, "${long}"]\n    policies: { monitoring/metric-hygiene: off }\n`,
    );
    expect(config.diagnostics.map((d) => [d.ruleId, d.messageId, d.pointer, d.line, d.column])).toEqual([
      ['config/invalid', 'badGlob', '/overrides/0/projects/1', 2, 22],
    ]);
    expect(config.diagnostics[0].message).toMatch(/^The project glob `a{50}.*` cannot be used \(pattern is too long/);
    // The rest of the override still applies.
    expect(severities(config, 'demo')['monitoring/metric-hygiene']).toBeUndefined();
    expect(severities(config, 'other')['monitoring/metric-hygiene']).toBe('minor');
  });

  it('reports an ignore pattern too long to compile instead of failing the run', () => {
    const config = resolve(`ignore: [examples/, "${'*a'.repeat(10_000)}b"]\n`);
    expect(config.diagnostics.map((d) => [d.ruleId, d.messageId, d.pointer, d.line, d.column])).toEqual([
      ['config/invalid', 'badIgnore', '/ignore/1', 1, 21],
    ]);
    expect(config.diagnostics[0].message).toMatch(/\(longer than 4096 characters\); it ignores nothing\.$/);
    expect(config.ignore).toHaveLength(2);
  });

  it('reports schema errors in the config like plan errors, and runs with defaults', () => {
    const config = resolve('failOn: sometimes\npolicies: [a, b]\n');
    expect(config.diagnostics.map((d) => [d.ruleId, d.messageId, d.line, d.column])).toEqual([
      ['config/schema', 'notAllowed', 1, 9],
      ['config/schema', 'wrongType', 2, 11],
    ]);
    expect(config.failOn).toBeUndefined();
  });

  it('reports a policy setting that is neither a severity nor an object', () => {
    const config = resolve('policies:\n  monitoring/metric-hygiene: warn\n');
    expect(config.diagnostics.map((d) => [d.messageId, d.line, d.column, d.message])).toEqual([
      [
        'notAllowed',
        2,
        30,
        '`policies["monitoring/metric-hygiene"]` is "warn", which is not one of `off`, ' +
          '`critical`, `important` or `minor`.',
      ],
    ]);
  });

  it('reads waiver lifetimes', () => {
    expect(resolve('waivers:\n  maxLifetime: { critical: 7d }\n').waiverLifetime).toEqual({
      critical: 7 * 86_400_000,
      important: 90 * 86_400_000,
      minor: 180 * 86_400_000,
    });
  });
});
