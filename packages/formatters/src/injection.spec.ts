import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { DeployPlan, Diagnostic } from '@deploy-plan/core';
import { formatters, github, json, junit, markdown, renderRunbook, sarif, stylish } from './index';
import type { FormatInput } from './types';

/**
 * Input-derived text (plan keys and values in messages, paths, project names, rule ids of user
 * policies, hints, related-location messages, waiver fields) must not be able to start a line
 * that a CI runner executes or send control sequences to a terminal, in any format.
 */

/** A GitHub workflow command on a line of its own (the runner acts on any line starting `::`). */
const COMMAND = '\n::error file=a,line=1::owned';
/** A bare CR: a line break to the Actions runner, a carriage return to a terminal. */
const CR = '\r::warning file=b::cr-owned';
/** An OSC 8 hyperlink and a screen clear. */
const OSC8 = '\u001b]8;;http://evil\u0007link\u001b]8;;\u0007';
const CLEAR = '\u001b[2J';
/** C1 controls: CSI (8-bit) and NEL (a line break to some parsers). */
const C1 = '\u009b31m\u0085';
/** GitHub's legacy command syntax, which the runner acts on anywhere in a line. */
const LEGACY = '##[error]legacy-owned';

const payload = (label: string) =>
  `${label}${COMMAND}${CR}${OSC8}${CLEAR}\u0000\u2028\u2029${C1}${LEGACY}\n  ::notice::indented end`;

const PLAN = `plans/${payload('dir')}/deploy-plan.yaml`;
const PROJECT = payload('project');
const RULE = `user/${payload('rule')}`;
const docs = 'https://example.com/docs/rule.md';

const active: Diagnostic = {
  ruleId: RULE,
  severity: 'critical',
  message: payload('message'),
  messageId: 'm',
  data: { key: payload('data') },
  file: PLAN,
  line: 3,
  column: 5,
  pointer: '/a',
  project: PROJECT,
  docsUrl: docs,
  hint: payload('hint'),
  related: [{ file: `src/${payload('related-file')}.ts`, line: 1, column: 1, message: payload('related') }],
};

const waived: Diagnostic = {
  ...active,
  line: 9,
  hint: undefined,
  related: undefined,
  suppressed: { kind: 'waiver', reason: payload('reason'), owner: payload('owner'), expires: payload('expires') },
};

/** A code finding: at a code file, the plan as its related location. */
const code: Diagnostic = {
  ...active,
  severity: 'important',
  file: `src/${payload('code-file')}.ts`,
  line: 20,
  related: [{ file: PLAN, line: 3, column: 5, message: payload('claimed') }],
};

const config: Diagnostic = {
  ...active,
  file: `${payload('config')}.yaml`,
  project: undefined,
  related: undefined,
};

const INPUT: FormatInput = {
  version: '0.1.0',
  rules: [
    { id: RULE, kind: 'policy', severity: 'critical', description: payload('description'), docsUrl: docs },
    { id: 'plan/schema', kind: 'builtin', severity: 'critical', description: 'Schema', docsUrl: docs },
  ],
  diagnostics: [active, waived, code],
  configDiagnostics: [config],
  plans: [{ file: PLAN, project: PROJECT, readiness: 'none', checked: true, policies: [RULE] }],
  failOn: 'critical',
};

/** Output lines as the Actions runner splits them: at CR, LF and CRLF. */
const lines = (text: string) => text.split(/\r\n|\r|\n/);
/** The runner trims leading whitespace before looking for `::`. */
const commandLines = (text: string) => lines(text).filter((l) => l.trimStart().startsWith('::'));

const OUTPUTS: [string, () => string][] = [
  ...Object.keys(formatters).map((name): [string, () => string] => [name, () => formatters[name](INPUT)]),
  ['stylish in colour', () => stylish(INPUT, { color: true })],
];

describe('no format lets input start a workflow command line', () => {
  it.each(OUTPUTS.filter(([name]) => name !== 'github'))('%s', (_, format) => {
    const text = format();
    expect(commandLines(text)).toEqual([]);
    // The legacy `##[command]` form is acted on anywhere in a line.
    expect(text).not.toContain('##[');
  });

  it('github: one line per annotation, and only the annotations start with `::`', () => {
    const text = github(INPUT);
    const all = lines(text.replace(/\n$/, ''));
    // config, active and code findings; the waived one is left out; then the summary.
    expect(all).toHaveLength(4);
    expect(commandLines(text)).toEqual(all.slice(0, 3));
    for (const line of all.slice(0, 3)) expect(line).toMatch(/^::(error|warning|notice) file=[^:]*::[^\n\r]*$/);
    expect(all[3]).toMatch(/^deploy-plan: /);
  });
});

/* eslint-disable no-control-regex -- these find the control characters no output may hold */
/** Control characters no text format may write raw: C0 but TAB and LF, DEL, C1, U+2028, U+2029. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
/** Stylish's own colour codes: `ESC [ digits m`. */
const SGR = /\u001b\[[0-9;]*m/g;
/* eslint-enable no-control-regex */

describe('no format writes control characters from input raw', () => {
  it.each([
    ['stylish', () => stylish(INPUT)],
    ['markdown', () => markdown(INPUT)],
    ['junit', () => junit(INPUT)],
  ])('%s has no ESC, NUL, CR, C1, U+2028 or U+2029', (_, format) => {
    const text = format();
    expect(text).not.toMatch(RAW_CONTROL);
  });

  it('stylish in colour has only its own SGR sequences', () => {
    const text = stylish(INPUT, { color: true });
    expect(text).toContain('\u001b[31m');
    // An ESC or any other control character outside its own SGR sequences.
    expect(text.replace(SGR, '')).not.toMatch(RAW_CONTROL);
  });

  it('stylish shows the escaped characters, so a reader sees what the plan holds', () => {
    const text = stylish(INPUT);
    const shown =
      '\\n::error file=a,line=1::owned\\r::warning file=b::cr-owned' +
      '\\x1b]8;;http://evil\\x07link\\x1b]8;;\\x07\\x1b[2J\\x00\\u2028\\u2029\\x9b31m\\x85' +
      '##\\[error]legacy-owned\\n  ::notice::indented end';
    // A message or hint keeps a line break unless it would start a `::` line.
    expect(text).toContain(`  3:5  critical  message${shown}  user/rule${shown}\n`);
    // Names and paths stay on one line.
    expect(text).toContain(`\nplans/dir${shown}/deploy-plan.yaml\n`);
    expect(text).toContain(
      `\n  project${shown}  none  1 critical, 1 important (1 waived)  plans/dir${shown}/deploy-plan.yaml\n`,
    );
    const kept = stylish({ ...INPUT, diagnostics: [{ ...active, message: 'two\nlines', hint: '  ::x::y' }] });
    expect(kept).toContain('  3:5  critical  two\nlines  user/');
    // Input that itself begins a line (here a hint, under its finding) has its first colon escaped.
    expect(kept).toMatch(/\n +\\x3a:x::y\n/);
    expect(stylish({ ...INPUT, diagnostics: [{ ...active, file: '::f' }], configDiagnostics: [], plans: [] })).toMatch(
      /^\\x3a:f\n/,
    );
  });

  it('markdown keeps table rows whole and code spans closed', () => {
    const text = markdown(INPUT);
    for (const table of text.split('\n\n').filter((t) => t.startsWith('|'))) {
      const counts = table.split('\n').map((row) => row.replace(/\\\|/g, '').split('|').length);
      expect(new Set(counts).size).toBe(1);
    }
    const tick = markdown({
      ...INPUT,
      diagnostics: [{ ...active, file: 'a`b|c/deploy-plan.yaml', ruleId: 'x`y' }],
      plans: [{ file: 'a`b|c/deploy-plan.yaml', project: '<b>p</b>|q', readiness: 'none' }],
    });
    expect(tick).toContain('| ``a`b\\|c/deploy-plan.yaml:3:5`` |');
    expect(tick).toContain('[``x`y``](https://example.com/docs/rule.md)');
    expect(tick).toContain('| &lt;b&gt;p&lt;/b&gt;\\|q | not ready |');
    expect(tick).toContain('<summary><b>&lt;b&gt;p&lt;/b&gt;|q</b>');
  });
});

describe('junit', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: () => false });

  it('stays well-formed XML and shows control characters as escapes', () => {
    const text = junit(INPUT);
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = parser.parse(text);
    expect(JSON.stringify(doc)).toContain('\\\\x1b[2J');
  });
});

describe('json and sarif are JSON: every string comes back as it went in', () => {
  it('json', () => {
    const text = json(INPUT);
    expect(text).not.toMatch(/[\u007f-\u009f\u2028\u2029]/);
    const report = JSON.parse(text);
    expect(report.diagnostics).toEqual(INPUT.diagnostics);
    expect(report.configDiagnostics).toEqual(INPUT.configDiagnostics);
    expect(report.plans[0]).toMatchObject({ file: PLAN, project: PROJECT });
  });

  it('sarif', () => {
    const text = sarif(INPUT);
    expect(text).not.toMatch(/[\u007f-\u009f\u2028\u2029]/);
    const log = JSON.parse(text);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain(RULE);
    const results = run.results as {
      ruleId: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
      relatedLocations?: { message: { text: string } }[];
      suppressions?: { justification: string }[];
      properties: { project?: string };
    }[];
    expect(results.map((r) => r.ruleId)).toEqual([RULE, RULE, RULE, RULE]);
    expect(results[1].message.text).toBe(`${active.message} ${active.hint}`);
    expect(results[1].relatedLocations![0].message.text).toBe(active.related![0].message);
    expect(decodeURIComponent(results[1].locations[0].physicalLocation.artifactLocation.uri)).toBe(PLAN);
    expect(results[1].properties.project).toBe(PROJECT);
    expect(results[2].suppressions![0].justification).toContain(payload('reason'));
  });
});

describe('runbook', () => {
  const plan = {
    apiVersion: 'deploy-plan/v1',
    project: payload('project'),
    owner: payload('owner'),
    codeTypes: ['api'],
    functionality: {
      purpose: `::error::purpose ${payload('purpose')}`,
      requirements: [payload('requirement')],
      dependencies: { services: [{ name: payload('service'), description: payload('service-description') }] },
    },
    deployment: {
      method: 'docker',
      platform: payload('platform'),
      environments: [{ name: payload('environment'), url: payload('url') }],
      steps: [
        {
          id: payload('step-id'),
          name: payload('step-name'),
          environment: payload('step-environment'),
          commands: [`echo ${CLEAR}done`],
          verify: { command: 'true', expect: payload('expect') },
        },
      ],
    },
    featureFlags: [{ key: payload('flag'), provider: 'env', default: false, description: payload('flag-text') }],
    healthChecks: [{ path: `/health${payload('path')}`, kind: 'readiness', verifies: [payload('verifies')] }],
    rollout: {
      strategy: 'canary',
      controller: payload('controller'),
      stages: [{ name: payload('stage'), weight: 10, gates: [{ metric: payload('gate-metric'), threshold: 1 }] }],
    },
    rollback: {
      triggers: [{ response: 'immediate', description: payload('trigger'), metric: payload('trigger-metric') }],
      levels: [{ level: 1, kind: 'code', useWhen: payload('use-when'), actions: ['true'] }],
    },
    monitoring: {
      dashboard: payload('dashboard'),
      metrics: [{ name: payload('metric'), type: 'gauge', tracks: [payload('tracks')] }],
      alerts: [{ name: payload('alert'), metric: payload('alert-metric'), operator: '<', value: 1, action: 'page' }],
    },
  } as unknown as DeployPlan;

  const finding: Diagnostic = { ...active, severity: 'minor', hint: undefined, related: undefined };

  it('keeps headings, table cells and inline code on one line, and no control character raw', () => {
    const text = renderRunbook(plan, { file: PLAN, findings: [finding] });
    expect(commandLines(text)).toEqual([]);
    expect(text).not.toContain('##[');
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text.split('\n').filter((l) => l.startsWith('#'))[0]).toMatch(/^# Runbook: project .*indented end$/);
    for (const table of text.split('\n\n').filter((t) => t.startsWith('|'))) {
      const counts = table.split('\n').map((row) => row.replace(/\\\|/g, '').split('|').length);
      expect(new Set(counts).size).toBe(1);
    }
  });
});
