import type { Diagnostic } from '@deploy-plan/core';
import { countDiagnostics, plural, setApart } from './counts';
import { guardLines, oneLine } from './escape';
import { groupByPlan } from './plans';
import type { Formatter } from './types';

/**
 * Input text on one Markdown line: a line break becomes the space Markdown renders it as, any
 * other control character an escape (see escape.ts).
 */
export const mdLine = (s: string) => oneLine(s.replace(/\r?\n/g, ' '));

/** Escapes text for a Markdown table cell: pipes, backslashes, line breaks and control characters. */
export const cell = (s: string) => mdLine(s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|'));

/** Inline code on one line that survives backticks in the text. */
export function code(text: string): string {
  const s = mdLine(text);
  let longest = 0;
  for (const run of s.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/**
 * Inline code in a table cell: the cell's escapes go inside the code span (GitHub takes `\|` there
 * as a pipe), so a control character reads `\x1b` as elsewhere.
 */
export const cellCode = (s: string) => code(cell(s));

/** `&`, `<` and `>` as entities, for text GitHub would take as HTML. */
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A link target from input: what would end it or break the table row is percent-encoded. */
const url = (s: string) =>
  // eslint-disable-next-line no-control-regex -- control characters are among what is encoded
  s.replace(/[\u0000-\u0020\u007f-\u009f\u2028\u2029()<>|`\\]/g, encodeURIComponent).replace(/##\[/g, '##%5B');

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
const location = (d: Diagnostic) => cellCode(`${d.file}:${d.line}:${d.column}`);
const rule = (d: Diagnostic) => (d.docsUrl ? `[${cellCode(d.ruleId)}](${url(d.docsUrl)})` : cellCode(d.ruleId));

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
  const apart = setApart(counts);
  const breakdown = `${counts.critical} critical, ${counts.important} important, ${counts.minor} minor${apart}`;
  out.push(
    problems
      ? `**${plural(problems, 'problem')}** (${breakdown}) in ${plans}; the check fails on ${input.failOn} and above.`
      : `All ${plans} pass${apart ? ` (${apart.slice(2)})` : ''}.`,
  );
  if (counts.suppressed && input.suppressions)
    out.push('', `${plural(counts.suppressed, 'finding')} accepted for now in ${cellCode(input.suppressions.file)}.`);
  const unused = input.suppressions?.unused.length ?? 0;
  if (unused)
    out.push(
      '',
      `${plural(unused, 'suppression')} no longer ${unused === 1 ? 'matches' : 'match'}: ` +
        'prune with `deploy-plan check --prune-suppressions`.',
    );
  out.push(
    '',
    '| Project | Readiness | Critical | Important | Minor | Waived | Suppressed |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  );
  const { byFile } = groupByPlan(input.plans, input.diagnostics);
  for (const plan of input.plans) {
    const c = countDiagnostics(byFile.get(plan.file) ?? []);
    const readiness = READINESS[plan.readiness] ?? plan.readiness;
    const project = cell(html(plan.project));
    out.push(
      `| ${project} | ${readiness} | ${c.critical} | ${c.important} | ${c.minor} | ${c.waived} | ${c.suppressed} |`,
    );
  }
  if (input.configDiagnostics?.length) {
    out.push(
      '',
      `### Config (${plural(input.configDiagnostics.length, 'problem')})`,
      '',
      '| Severity | Location | Finding | Rule |',
      '| --- | --- | --- | --- |',
    );
    for (const d of input.configDiagnostics)
      out.push(`| ${d.severity} | ${location(d)} | ${finding(d)} | ${rule(d)} |`);
  }
  for (const plan of input.plans) {
    const own = byFile.get(plan.file) ?? [];
    if (!own.length) continue;
    out.push(
      '',
      // An HTML block: Markdown escapes would show as typed, entities do not.
      `<details><summary><b>${html(mdLine(plan.project))}</b>: ${plural(own.length, 'finding')}</summary>`,
      '',
      '| Severity | Location | Finding | Rule |',
      '| --- | --- | --- | --- |',
    );
    for (const d of own) {
      const sev =
        d.suppressed?.kind === 'waiver'
          ? `waived (${cell(inline(d.suppressed.reason))})`
          : d.suppressed
            ? `${d.severity}, suppressed`
            : d.severity;
      out.push(`| ${sev} | ${location(d)} | ${finding(d)} | ${rule(d)} |`);
    }
    out.push('', '</details>');
  }
  // Nothing from input starts a line here; the guard keeps it so.
  return guardLines(out.join('\n') + '\n', '&#58;');
};
