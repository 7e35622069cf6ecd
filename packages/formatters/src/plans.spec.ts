import { XMLParser } from 'fast-xml-parser';
import type { Diagnostic, Severity } from '@deploy-plan/core';
import { formatters, github, html, json, junit, markdown, sarif, stylish } from './index';
import { groupByPlan } from './plans';
import type { FormatInput, FormattedPlan, RuleInfo } from './types';

const docs = 'https://example.com/docs/rule.md';
const diagnostic = (file: string, ruleId: string, severity: Severity, line: number): Diagnostic => ({
  ruleId,
  severity,
  message: `Finding of ${ruleId}.`,
  messageId: 'm',
  file,
  line,
  column: 1,
  project: 'shared',
  docsUrl: docs,
});

const A = 'apps/a/deploy-plan.yaml';
const B = 'apps/b/deploy-plan.yaml';
const waiver = { kind: 'waiver' as const, reason: 'accepted', owner: 'team', expires: '2030-01-01' };

/** Two plans that declare the same project, each with findings of its own. */
const SAME_NAME: FormatInput = {
  rules: [
    { id: 'p/one', kind: 'policy', severity: 'critical', description: 'One', docsUrl: docs },
    { id: 'p/two', kind: 'policy', severity: 'important', description: 'Two', docsUrl: docs },
    { id: 'p/three', kind: 'policy', severity: 'minor', description: 'Three', docsUrl: docs },
  ],
  diagnostics: [
    // A code finding: at the code, its plan as the related location.
    {
      ...diagnostic('apps/a/src/main.ts', 'p/one', 'critical', 4),
      related: [{ file: A, line: 7, column: 3, message: 'claimed in the plan here' }],
    },
    diagnostic(A, 'p/one', 'critical', 2),
    diagnostic(A, 'p/two', 'important', 5),
    diagnostic(B, 'p/three', 'minor', 3),
    { ...diagnostic(B, 'p/two', 'important', 9), suppressed: waiver },
  ],
  plans: [
    { file: A, project: 'shared', readiness: 'none' },
    { file: B, project: 'shared', readiness: 'silver' },
  ],
  failOn: 'critical',
};

describe('per-plan summaries count each plan by its file, not by its project name', () => {
  it('groups a code finding with the plan of its related location, in one pass', () => {
    const { byFile, planOf } = groupByPlan(SAME_NAME.plans, SAME_NAME.diagnostics);
    expect(byFile.get(A)!.map((d) => d.line)).toEqual([4, 2, 5]);
    expect(byFile.get(B)!.map((d) => d.line)).toEqual([3, 9]);
    expect(planOf({ ...SAME_NAME.diagnostics[0], related: undefined })).toBeUndefined();
  });

  it('json', () => {
    const report = JSON.parse(json(SAME_NAME));
    expect(report.plans).toEqual([
      {
        file: A,
        project: 'shared',
        readiness: 'none',
        counts: { critical: 2, important: 1, minor: 0, waived: 0, suppressed: 0 },
      },
      {
        file: B,
        project: 'shared',
        readiness: 'silver',
        counts: { critical: 0, important: 0, minor: 1, waived: 1, suppressed: 0 },
      },
    ]);
  });

  it('stylish', () => {
    const text = stylish(SAME_NAME);
    expect(text).toContain('4 problems (2 critical, 1 important, 1 minor, 1 waived) in 2 of 2 plans.');
    expect(text).toContain(`\n  shared  none    2 critical, 1 important  ${A}\n`);
    expect(text).toContain(`\n  shared  silver  1 minor (1 waived)  ${B}\n`);
  });

  it('markdown', () => {
    const text = markdown(SAME_NAME);
    expect(text).toContain('| shared | not ready | 2 | 1 | 0 | 0 | 0 |\n| shared | silver | 0 | 0 | 1 | 1 | 0 |\n');
    const sections = text.split('<details>').slice(1);
    expect(sections.map((s) => s.split('\n')[0])).toEqual([
      '<summary><b>shared</b>: 3 findings</summary>',
      '<summary><b>shared</b>: 2 findings</summary>',
    ]);
    expect(sections[0]).toContain(`\`apps/a/src/main.ts:4:1\``);
    expect(sections[0]).not.toContain(B);
    expect(sections[1]).not.toContain('apps/a/');
  });

  it('junit', () => {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name) => ['testsuite', 'testcase'].includes(name),
    });
    const suites = parser.parse(junit(SAME_NAME)).testsuites.testsuite as {
      name: string;
      file: string;
      failures: string;
      skipped: string;
      testcase: { name: string; failure?: { message: string } }[];
    }[];
    expect(suites.map((s) => [s.name, s.file, s.failures, s.skipped])).toEqual([
      ['shared', A, '2', '0'],
      ['shared', B, '1', '1'],
    ]);
    const one = suites[0].testcase.find((c) => c.name === 'p/one')!;
    expect(one.failure!.message).toBe('apps/a/src/main.ts:4:1 Finding of p/one.');
  });
});

describe('60,000 findings over 1,500 plans', () => {
  const PLANS = 1500;
  const PER_PLAN = 40;
  const severities: Severity[] = ['critical', 'important', 'minor'];
  const rules: RuleInfo[] = Array.from({ length: 20 }, (_, i) => ({
    id: `p/r${i}`,
    kind: 'policy',
    severity: 'minor',
    description: `Rule ${i}`,
    docsUrl: docs,
  }));
  const plans: FormattedPlan[] = [];
  const diagnostics: Diagnostic[] = [];
  const expected = { critical: 0, important: 0, minor: 0, waived: 0 };
  for (let p = 0; p < PLANS; p++) {
    const dir = `apps/app-${String(p).padStart(4, '0')}`;
    const file = `${dir}/deploy-plan.yaml`;
    // Every plan declares the same project: only files tell them apart.
    plans.push({ file, project: 'same', readiness: 'none', checked: true });
    for (let i = 0; i < PER_PLAN; i++) {
      const code = i % 10 === 0;
      const d: Diagnostic = {
        ...diagnostic(code ? `${dir}/src/main.ts` : file, `p/r${i % 20}`, severities[i % 3], i + 1),
        ...(code ? { related: [{ file, line: 1, column: 1, message: 'claimed in the plan here' }] } : {}),
        ...(i % 7 === 0 ? { suppressed: waiver } : {}),
      };
      diagnostics.push(d);
      if (d.suppressed) expected.waived++;
      else expected[d.severity]++;
    }
  }
  const input: FormatInput = { rules, diagnostics, plans, failOn: 'critical', version: '0.1.0' };
  const problems = expected.critical + expected.important + expected.minor;
  const breakdown = `${expected.critical} critical, ${expected.important} important, ${expected.minor} minor`;

  it('has the totals the formats should report', () => {
    expect(diagnostics).toHaveLength(60_000);
    expect(Object.keys(formatters).sort()).toEqual(['github', 'html', 'json', 'junit', 'markdown', 'sarif', 'stylish']);
  });

  it('stylish', () => {
    const text = stylish(input, { color: true });
    expect(text).toContain(
      `${problems} problems\u001b[0m (${breakdown}, ${expected.waived} waived) in 1500 of 1500 plans.`,
    );
  });

  it('json', () => {
    const report = JSON.parse(json(input));
    expect(report.summary).toEqual({ plans: PLANS, problems, ...expected, suppressed: 0 });
    const perPlan = expected.waived / PLANS;
    expect(report.plans.every((p: { counts: { waived: number } }) => p.counts.waived === perPlan)).toBe(true);
  });

  it('sarif', () => {
    const log = JSON.parse(sarif(input));
    expect(log.runs[0].results).toHaveLength(60_000);
  });

  it('junit', () => {
    const text = junit(input);
    expect(text).toContain('<testsuites name="deploy-plan" tests="30000" failures="30000" errors="0" skipped="0"');
  });

  it('github', () => {
    expect(github(input)).toContain(`deploy-plan: ${problems} problems (${breakdown}, ${expected.waived} waived)`);
  });

  it('markdown', () => {
    const text = markdown(input);
    expect(text).toContain(`**${problems} problems** (${breakdown}, ${expected.waived} waived) in 1500 plans`);
    expect(text.split('<details>')).toHaveLength(PLANS + 1);
  });

  it('html', () => {
    const text = html(input);
    expect(text.match(/<tr data-project=/g)).toHaveLength(PLANS);
    expect(text.match(/<article class="finding /g)).toHaveLength(diagnostics.length);
  });
});
