import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadPlan } from './load-plan';

/**
 * A minimal valid plan; the line numbers in the comments are what the cases below assert.
 * Each invalid case edits one spot of it.
 */
const BASE = [
  'apiVersion: deploy-plan/v1', //  1
  'project: demo', //  2
  'owner: team-demo', //  3
  'codeTypes: [api]', //  4
  'functionality:', //  5
  '  purpose: Demo orders', //  6
  '  flows:', //  7
  '    request:', //  8
  '      - id: receive', //  9
  '        description: Client posts an order', // 10
  'deployment:', // 11
  '  method: docker', // 12
  '  steps:', // 13
  '    - id: ship', // 14
  '      commands: [npm run deploy]', // 15
  '      verify: { command: curl -f /health, expect: 200 }', // 16
  'rollback:', // 17
  '  levels:', // 18
  '    - level: 1', // 19
  '      kind: feature-flag', // 20
  '      maxDuration: 5m', // 21
  'monitoring:', // 22
  '  metrics:', // 23
  '    - name: order_success_rate', // 24
  '      type: gauge', // 25
  '      interval: 1m', // 26
  '      failureLimit: 2', // 27
  '      thresholds: { alert: 95, rollback: 50 }', // 28
  'rollout:', // 29
  '  strategy: canary', // 30
  '  stages:', // 31
  '    - weight: 10', // 32
  '      bake: 15m', // 33
  '      gates:', // 34
  '        - metric: order_success_rate', // 35
  '          count: 10', // 36
  'healthChecks:', // 37
  '  - path: /health/ready', // 38
  '    kind: readiness', // 39
  'waivers:', // 40
  '  - policy: rollout/stages-rise-to-full', // 41
  '    reason: Single stage until traffic grows', // 42
  '    owner: alice', // 43
  '    expires: "2027-01-31"', // 44
  '',
].join('\n');

/** Replaces exactly one occurrence of `find` in the base plan. */
function edit(find: string, replace: string, base = BASE): string {
  const at = base.indexOf(find);
  if (at < 0 || base.indexOf(find, at + 1) >= 0) throw new Error(`edit target not unique: ${find}`);
  return base.slice(0, at) + replace + base.slice(at + find.length);
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-schema-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function check(text: string) {
  const file = path.join(dir, `plan-${counter++}.yaml`);
  fs.writeFileSync(file, text);
  return loadPlan(file, { root: dir }).diagnostics.map((d) => ({
    ruleId: d.ruleId,
    messageId: d.messageId,
    pointer: d.pointer,
    line: d.line,
    column: d.column,
    message: d.message,
    hint: d.hint,
  }));
}

interface Case {
  name: string;
  text: string;
  errors: { messageId: string; pointer?: string; line: number; column: number; hint?: RegExp | string }[];
}

const cases: Case[] = [
  // Missing sections: pointed at the mapping that lacks them.
  {
    name: 'missing owner',
    text: edit('owner: team-demo\n', ''),
    errors: [{ messageId: 'missingKey', pointer: '', line: 1, column: 1 }],
  },
  {
    name: 'missing deployment section',
    text: edit(
      'deployment:\n  method: docker\n  steps:\n    - id: ship\n      commands: [npm ' +
        'run deploy]\n      verify: { command: curl -f /health, expect: 200 }\n',
      '',
    ),
    errors: [{ messageId: 'missingKey', pointer: '', line: 1, column: 1 }],
  },
  {
    name: 'missing purpose',
    text: edit('  purpose: Demo orders\n', ''),
    errors: [{ messageId: 'missingKey', pointer: '/functionality', line: 5, column: 1 }],
  },
  {
    name: 'missing deployment method',
    text: edit('  method: docker\n', ''),
    errors: [{ messageId: 'missingKey', pointer: '/deployment', line: 11, column: 1 }],
  },
  {
    name: 'missing step id (a list item has no key: its first line)',
    text: edit('    - id: ship\n      commands', '    - commands'),
    errors: [{ messageId: 'missingKey', pointer: '/deployment/steps/0', line: 14, column: 7 }],
  },
  {
    name: 'missing health check kind',
    text: edit('    kind: readiness\n', ''),
    errors: [{ messageId: 'missingKey', pointer: '/healthChecks/0', line: 38, column: 5 }],
  },
  {
    name: 'missing waiver expiry',
    text: edit('    expires: "2027-01-31"\n', ''),
    errors: [{ messageId: 'missingKey', pointer: '/waivers/0', line: 41, column: 5 }],
  },
  {
    name: 'missing metric type',
    text: edit('      type: gauge\n', ''),
    errors: [{ messageId: 'missingKey', pointer: '/monitoring/metrics/0', line: 24, column: 7 }],
  },

  // Unknown keys: pointed at the key, with a did-you-mean hint.
  {
    name: 'misspelt maxDuration',
    text: edit('maxDuration: 5m', 'maxDuraton: 5m'),
    errors: [
      {
        messageId: 'unknownKey',
        pointer: '/rollback/levels/0/maxDuraton',
        line: 21,
        column: 7,
        hint: 'Did you mean `maxDuration`?',
      },
    ],
  },
  {
    name: 'snake_case key',
    text: edit('failureLimit: 2', 'failure_limit: 2'),
    errors: [
      {
        messageId: 'unknownKey',
        pointer: '/monitoring/metrics/0/failure_limit',
        line: 27,
        column: 7,
        hint: 'Did you mean `failureLimit`?',
      },
    ],
  },
  {
    name: 'unknown top-level section',
    text: edit('owner: team-demo', 'owner: team-demo\nrunbook: https://wiki'),
    errors: [{ messageId: 'unknownKey', pointer: '/runbook', line: 4, column: 1 }],
  },
  {
    name: 'unknown key in a flow mapping',
    text: edit('{ alert: 95, rollback: 50 }', '{ alert: 95, rollbak: 50 }'),
    errors: [
      {
        messageId: 'unknownKey',
        pointer: '/monitoring/metrics/0/thresholds/rollbak',
        line: 28,
        column: 32,
        hint: 'Did you mean `rollback`?',
      },
    ],
  },
  {
    name: 'unknown key with no close match lists the allowed ones',
    text: edit('    kind: readiness', '    kind: readiness\n    zzz: 1'),
    errors: [
      {
        messageId: 'unknownKey',
        pointer: '/healthChecks/0/zzz',
        line: 40,
        column: 5,
        hint: /Allowed keys here: `path`, `method`, `kind`/,
      },
    ],
  },
  {
    name: '__proto__ is validated like any key',
    text: edit('project: demo', 'project: demo\n__proto__: { polluted: true }'),
    errors: [{ messageId: 'unknownKey', pointer: '/__proto__', line: 3, column: 1 }],
  },
  {
    name: 'constructor is validated like any key',
    text: edit('project: demo', 'project: demo\nconstructor: x'),
    errors: [{ messageId: 'unknownKey', pointer: '/constructor', line: 3, column: 1 }],
  },

  // Wrong types: pointed at the value.
  {
    name: 'weight as text',
    text: edit('weight: 10', 'weight: ten'),
    errors: [{ messageId: 'wrongType', pointer: '/rollout/stages/0/weight', line: 32, column: 15 }],
  },
  {
    name: 'quoted number where a whole number is needed',
    text: edit('failureLimit: 2', 'failureLimit: "2"'),
    errors: [{ messageId: 'wrongType', pointer: '/monitoring/metrics/0/failureLimit', line: 27, column: 21 }],
  },
  {
    name: 'codeTypes as a single value',
    text: edit('codeTypes: [api]', 'codeTypes: api'),
    errors: [{ messageId: 'wrongType', pointer: '/codeTypes', line: 4, column: 12 }],
  },
  {
    name: 'functionality as a list',
    text: edit(
      'functionality:\n  purpose: Demo orders\n  flows:\n    request:\n      - id: ' +
        'receive\n        description: Client posts an order\n',
      'functionality:\n  - Demo orders\n',
    ),
    errors: [{ messageId: 'wrongType', pointer: '/functionality', line: 6, column: 3 }],
  },
  {
    name: 'empty section value',
    text: edit('  method: docker', '  method:'),
    errors: [{ messageId: 'notAllowed', pointer: '/deployment/method', line: 12, column: 3 }],
  },
  {
    name: 'threshold as text',
    text: edit('alert: 95', 'alert: high'),
    errors: [{ messageId: 'wrongType', pointer: '/monitoring/metrics/0/thresholds/alert', line: 28, column: 28 }],
  },
  {
    name: 'count as a fraction',
    text: edit('count: 10', 'count: 2.5'),
    errors: [{ messageId: 'wrongType', pointer: '/rollout/stages/0/gates/0/count', line: 36, column: 18 }],
  },
  {
    name: 'commands as a block scalar instead of a list',
    text: edit('      commands: [npm run deploy]', '      commands: |\n        npm run deploy'),
    errors: [{ messageId: 'wrongType', pointer: '/deployment/steps/0/commands', line: 15, column: 17 }],
  },

  // Values outside the vocabulary: pointed at the value, with a hint when one is close.
  {
    name: 'misspelt code type',
    text: edit('codeTypes: [api]', 'codeTypes: [api, backgroundjob]'),
    errors: [
      { messageId: 'notAllowed', pointer: '/codeTypes/1', line: 4, column: 18, hint: 'Did you mean `background-job`?' },
    ],
  },
  {
    name: 'unknown deployment method',
    text: edit('method: docker', 'method: dokcer'),
    errors: [
      { messageId: 'notAllowed', pointer: '/deployment/method', line: 12, column: 11, hint: 'Did you mean `docker`?' },
    ],
  },
  {
    name: 'health check kind in capitals',
    text: edit('kind: readiness', 'kind: Readiness'),
    errors: [
      {
        messageId: 'notAllowed',
        pointer: '/healthChecks/0/kind',
        line: 39,
        column: 11,
        hint: 'Did you mean `readiness`?',
      },
    ],
  },
  {
    name: 'wrong apiVersion',
    text: edit('deploy-plan/v1', 'deploy-plan/v2'),
    errors: [{ messageId: 'wrongValue', pointer: '/apiVersion', line: 1, column: 13 }],
  },
  {
    name: 'duplicate code type',
    text: edit('codeTypes: [api]', 'codeTypes: [api, ui, api]'),
    errors: [{ messageId: 'duplicateItem', pointer: '/codeTypes/2', line: 4, column: 22 }],
  },

  // Formats and ranges.
  {
    name: 'duration in words',
    text: edit('bake: 15m', 'bake: 15 minutes'),
    errors: [{ messageId: 'badFormat', pointer: '/rollout/stages/0/bake', line: 33, column: 13 }],
  },
  {
    name: 'duration without unit',
    text: edit('interval: 1m', 'interval: "60"'),
    errors: [{ messageId: 'badFormat', pointer: '/monitoring/metrics/0/interval', line: 26, column: 17 }],
  },
  {
    name: 'weight above 100',
    text: edit('weight: 10', 'weight: 110'),
    errors: [{ messageId: 'tooLarge', pointer: '/rollout/stages/0/weight', line: 32, column: 15 }],
  },
  {
    name: 'negative weight',
    text: edit('weight: 10', 'weight: -5'),
    errors: [{ messageId: 'tooSmall', pointer: '/rollout/stages/0/weight', line: 32, column: 15 }],
  },
  {
    name: 'rollback level 4',
    text: edit('- level: 1', '- level: 4'),
    errors: [{ messageId: 'tooLarge', pointer: '/rollback/levels/0/level', line: 19, column: 14 }],
  },
  {
    name: 'gate count of zero',
    text: edit('count: 10', 'count: 0'),
    errors: [{ messageId: 'tooSmall', pointer: '/rollout/stages/0/gates/0/count', line: 36, column: 18 }],
  },
  {
    name: 'no code types',
    text: edit('codeTypes: [api]', 'codeTypes: []'),
    errors: [{ messageId: 'tooFew', pointer: '/codeTypes', line: 4, column: 12 }],
  },
  {
    name: 'health path without a leading slash',
    text: edit('path: /health/ready', 'path: health/ready'),
    errors: [{ messageId: 'badFormat', pointer: '/healthChecks/0/path', line: 38, column: 11 }],
  },
  {
    name: 'waiver expiry not a date',
    text: edit('expires: "2027-01-31"', 'expires: next month'),
    errors: [{ messageId: 'badFormat', pointer: '/waivers/0/expires', line: 44, column: 14 }],
  },
  {
    name: 'flow step id with spaces',
    text: edit('- id: receive', '- id: Receive order'),
    errors: [{ messageId: 'badFormat', pointer: '/functionality/flows/request/0/id', line: 9, column: 13 }],
  },
  {
    name: 'metric name with a dash',
    text: edit('- name: order_success_rate', '- name: order-success-rate'),
    errors: [{ messageId: 'badFormat', pointer: '/monitoring/metrics/0/name', line: 24, column: 13 }],
  },

  // Several problems at once: every one reported, each once.
  {
    name: 'several problems in one plan',
    text: edit('weight: 10', 'weight: ten', edit('maxDuration: 5m', 'maxDuraton: 5m', edit('owner: team-demo\n', ''))),
    errors: [
      { messageId: 'missingKey', pointer: '', line: 1, column: 1 },
      { messageId: 'unknownKey', pointer: '/rollback/levels/0/maxDuraton', line: 20, column: 7 },
      { messageId: 'wrongType', pointer: '/rollout/stages/0/weight', line: 31, column: 15 },
    ],
  },
];

describe('plan schema diagnostics', () => {
  it('accepts the base plan', () => {
    expect(check(BASE)).toEqual([]);
  });

  it('has no two cases with the same text or name', () => {
    expect(new Set(cases.map((c) => c.text)).size).toBe(cases.length);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const found = check(c.text);
    expect(found.map(({ messageId, pointer, line, column }) => ({ messageId, pointer, line, column }))).toEqual(
      c.errors.map(({ messageId, pointer, line, column }) => ({ messageId, pointer, line, column })),
    );
    c.errors.forEach((e, i) => {
      if (e.hint) expect(found[i].hint).toMatch(e.hint);
      expect(found[i].ruleId).toBe('plan/schema');
      // Plain sentences: none of ajv's own wording.
      expect(found[i].message).not.toMatch(/must NOT|must have required|additional properties|must be equal/);
      expect(found[i].message).toMatch(/\.$/);
    });
  });

  it('names what was expected and what was found', () => {
    const [d] = check(edit('failureLimit: 2', 'failureLimit: "2"'));
    expect(d.message).toBe('`monitoring.metrics[0].failureLimit` must be a whole number, but it is text ("2").');
    const [e] = check(edit('bake: 15m', 'bake: 15 minutes'));
    expect(e.message).toBe(
      '`rollout.stages[0].bake` must be a duration such as `30s`, `5m` or `1h30m`, but it is "15 minutes".',
    );
    const [m] = check(edit('  purpose: Demo orders\n', ''));
    expect(m.message).toBe('Missing required key `purpose` in `functionality`.');
  });
});
