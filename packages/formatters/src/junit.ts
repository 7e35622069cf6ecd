import type { Diagnostic } from '@deploy-plan/core';
import { plural } from './counts';
import { guardLines, lines, oneLine } from './escape';
import { groupByPlan } from './plans';
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

/** Input text is escaped (see escape.ts) before it is XML-escaped: names and paths on one line. */
const name = (text: string) => xml(oneLine(text));
const where = (d: Diagnostic) => `${oneLine(d.file)}:${d.line}:${d.column}`;
/** A finding in text: location, message (line breaks kept) and hint. */
const finding = (d: Diagnostic, hint: boolean) =>
  `${where(d)} ${lines(d.message)}${hint && d.hint ? ` ${lines(d.hint)}` : ''}`;
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
  const { byFile } = groupByPlan(input.plans, input.diagnostics);
  for (const plan of input.plans) {
    const byRule = new Map<string, Diagnostic[]>();
    for (const d of byFile.get(plan.file) ?? []) {
      const list = byRule.get(d.ruleId);
      if (list) list.push(d);
      else byRule.set(d.ruleId, [d]);
    }
    const policies = new Set(plan.policies ?? allPolicies);
    const ids = [...new Set([...builtin, ...policies, ...byRule.keys()])].sort();
    const cases: string[] = [];
    let failures = 0;
    let skipped = 0;
    const project = name(plan.project);
    const file = name(plan.file);
    for (const id of ids) {
      const found = byRule.get(id) ?? [];
      const active = found.filter((d) => !d.suppressed);
      const head = `    <testcase classname="${project}" name="${name(id)}" file="${file}" time="0"`;
      if (active.length) {
        failures++;
        const first = active[0];
        const body = active.map((d) => `${d.severity} ${finding(d, true)}`).join('\n');
        const message = xml(finding(first, false));
        cases.push(testcase(head, `<failure message="${message}" type="${first.severity}">${xml(body)}</failure>`));
      } else if (found.length) {
        skipped++;
        const why = found[0].suppressed!;
        const message = xml(
          why.kind === 'waiver'
            ? `waived until ${oneLine(why.expires)} by ${oneLine(why.owner)}: ${lines(why.reason)}`
            : `suppressed: ${plural(found.length, 'finding')} accepted for now in ${oneLine(why.file)}`,
        );
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
      [`  <testsuite name="${project}" ${counts} file="${file}">`, cases.join('\n'), '  </testsuite>'].join('\n'),
    );
  }
  const config = input.configDiagnostics ?? [];
  if (config.length) {
    const file = name(config[0].file);
    const body = config.map((d) => `${d.severity} ${finding(d, false)}`).join('\n');
    const message = xml(finding(config[0], false));
    suites.push(
      [
        `  <testsuite name="config" tests="1" failures="0" errors="1" skipped="0" time="0" file="${file}">`,
        `    <testcase classname="config" name="${name(config[0].ruleId)}" file="${file}" time="0">`,
        `      <error message="${message}" type="config">${xml(body)}</error>`,
        '    </testcase>',
        '  </testsuite>',
      ].join('\n'),
    );
  }
  const errors = config.length ? 1 : 0;
  const counts = `tests="${totals.tests + errors}" failures="${totals.failures}" errors="${errors}"`;
  const text = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="deploy-plan" ${counts} skipped="${totals.skipped}" time="0">`,
    suites.join('\n'),
    '</testsuites>',
    '',
  ].join('\n');
  // A line break in a message that would start a `::` line is written as the character
  // reference, which parses to the same line break.
  return guardLines(text, '&#58;', '&#10;');
};
