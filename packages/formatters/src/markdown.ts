import type { Diagnostic } from '@deploy-plan/core';
import { countDiagnostics, plural } from './counts';
import type { Formatter } from './types';

/** Escapes text for a Markdown table cell: pipes, backslashes and line breaks. */
export const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/**
 * A finding's message for Markdown that GitHub renders as HTML: `<`, `>` and `&` outside code
 * spans become entities (else `<threshold>` would vanish as an unknown tag); code spans stay.
 */
export function inline(message: string): string {
  return message
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
}

const finding = (d: Diagnostic) => cell(inline(d.hint ? `${d.message} ${d.hint}` : d.message));

const READINESS: Record<string, string> = { gold: 'gold', silver: 'silver', bronze: 'bronze', none: 'not ready' };

/**
 * A summary for pull request comments and job summaries: one table row per project with its
 * readiness, then the findings of each project in a collapsible section.
 */
export const markdown: Formatter = (input) => {
  const out: string[] = ['## deploy-plan', ''];
  const counts = countDiagnostics(input.diagnostics);
  const problems = counts.critical + counts.important + counts.minor;
  const plans = plural(input.plans.length, 'plan');
  const waived = counts.waived ? `, ${counts.waived} waived` : '';
  const breakdown = `${counts.critical} critical, ${counts.important} important, ${counts.minor} minor${waived}`;
  out.push(
    problems
      ? `**${plural(problems, 'problem')}** (${breakdown}) in ${plans}; the check fails on ${input.failOn} and above.`
      : `All ${plans} pass${counts.waived ? ` (${counts.waived} findings waived)` : ''}.`,
  );
  out.push(
    '',
    '| Project | Readiness | Critical | Important | Minor | Waived |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  );
  const byPlan = new Map<string, Diagnostic[]>();
  for (const plan of input.plans) {
    const own = input.diagnostics.filter((d) => d.project === plan.project || d.file === plan.file);
    byPlan.set(plan.project, own);
    const c = countDiagnostics(own);
    const readiness = READINESS[plan.readiness] ?? plan.readiness;
    out.push(`| ${cell(plan.project)} | ${readiness} | ${c.critical} | ${c.important} | ${c.minor} | ${c.waived} |`);
  }
  if (input.configDiagnostics?.length) {
    out.push(
      '',
      `### Config (${plural(input.configDiagnostics.length, 'problem')})`,
      '',
      '| Severity | Location | Finding | Rule |',
      '| --- | --- | --- | --- |',
    );
    for (const d of input.configDiagnostics) {
      const location = cell(`${d.file}:${d.line}:${d.column}`);
      out.push(`| ${d.severity} | \`${location}\` | ${finding(d)} | [\`${d.ruleId}\`](${d.docsUrl}) |`);
    }
  }
  for (const [project, own] of byPlan) {
    if (!own.length) continue;
    out.push(
      '',
      `<details><summary><b>${cell(project)}</b>: ${plural(own.length, 'finding')}</summary>`,
      '',
      '| Severity | Location | Finding | Rule |',
      '| --- | --- | --- | --- |',
    );
    for (const d of own) {
      const sev = d.suppressed ? `waived (${cell(inline(d.suppressed.reason))})` : d.severity;
      out.push(
        `| ${sev} | \`${cell(`${d.file}:${d.line}:${d.column}`)}\` | ${finding(d)} | [\`${d.ruleId}\`](${d.docsUrl}) |`,
      );
    }
    out.push('', '</details>');
  }
  return out.join('\n') + '\n';
};
