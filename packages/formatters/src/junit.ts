import type { Diagnostic } from '@deploy-plan/core';
import type { Formatter } from './types';

/** Escapes text for XML attributes and content; drops characters XML 1.0 cannot hold. */
export function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const where = (d: Diagnostic) => `${d.file}:${d.line}:${d.column}`;
/** Closes a test case's opening tag `head` around one child element. */
const testcase = (head: string, child: string) => `${head}>\n      ${child}\n    </testcase>`;

/**
 * JUnit XML for CI test dashboards: a test suite per project, a test case per check that applies
 * to it (built-in checks and the policies enabled for the project), a failure per case with
 * findings and their locations. Waived findings and policies that could not run (the plan does
 * not match the schema) are skipped cases.
 */
export const junit: Formatter = (input) => {
  const rules = input.rules ?? [];
  const builtin = rules.filter((r) => r.kind === 'builtin').map((r) => r.id);
  const allPolicies = rules.filter((r) => r.kind === 'policy').map((r) => r.id);
  const suites: string[] = [];
  const totals = { tests: 0, failures: 0, skipped: 0 };
  for (const plan of input.plans) {
    const own = input.diagnostics.filter((d) => d.project === plan.project || d.file === plan.file);
    const policies = new Set(plan.policies ?? allPolicies);
    const ids = [...new Set([...builtin, ...policies, ...own.map((d) => d.ruleId)])].sort();
    const cases: string[] = [];
    let failures = 0;
    let skipped = 0;
    for (const id of ids) {
      const found = own.filter((d) => d.ruleId === id);
      const active = found.filter((d) => !d.suppressed);
      const head = `    <testcase classname="${xml(plan.project)}" name="${xml(id)}" file="${xml(plan.file)}" time="0"`;
      if (active.length) {
        failures++;
        const first = active[0];
        const body = active
          .map((d) => `${d.severity} ${where(d)} ${d.message}${d.hint ? ` ${d.hint}` : ''}`)
          .join('\n');
        const message = xml(`${where(first)} ${first.message}`);
        cases.push(testcase(head, `<failure message="${message}" type="${first.severity}">${xml(body)}</failure>`));
      } else if (found.length) {
        skipped++;
        const waiver = found[0].suppressed!;
        const message = xml(`waived until ${waiver.expires} by ${waiver.owner}: ${waiver.reason}`);
        cases.push(testcase(head, `<skipped message="${message}"/>`));
      } else if (plan.checked === false && policies.has(id)) {
        skipped++;
        cases.push(testcase(head, '<skipped message="not run: the plan does not load or does not match the schema"/>'));
      } else cases.push(`${head}/>`);
    }
    totals.tests += ids.length;
    totals.failures += failures;
    totals.skipped += skipped;
    const counts = `tests="${ids.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0"`;
    suites.push(
      [
        `  <testsuite name="${xml(plan.project)}" ${counts} file="${xml(plan.file)}">`,
        cases.join('\n'),
        '  </testsuite>',
      ].join('\n'),
    );
  }
  const config = input.configDiagnostics ?? [];
  if (config.length) {
    const file = config[0].file;
    const body = config.map((d) => `${d.severity} ${where(d)} ${d.message}`).join('\n');
    const message = xml(`${where(config[0])} ${config[0].message}`);
    suites.push(
      [
        `  <testsuite name="config" tests="1" failures="0" errors="1" skipped="0" time="0" file="${xml(file)}">`,
        `    <testcase classname="config" name="${xml(config[0].ruleId)}" file="${xml(file)}" time="0">`,
        `      <error message="${message}" type="config">${xml(body)}</error>`,
        '    </testcase>',
        '  </testsuite>',
      ].join('\n'),
    );
  }
  const errors = config.length ? 1 : 0;
  const counts = `tests="${totals.tests + errors}" failures="${totals.failures}" errors="${errors}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="deploy-plan" ${counts} skipped="${totals.skipped}" time="0">`,
    suites.join('\n'),
    '</testsuites>',
    '',
  ].join('\n');
};
