import { stripVTControlCharacters } from 'node:util';
import type { Diagnostic } from '@deploy-plan/core';
import { countDiagnostics, plural } from './counts';
import type { Formatter } from './types';

const ANSI = { red: 31, yellow: 33, blue: 34, green: 32, gray: 90, bold: 1, underline: 4 } as const;
type Style = keyof typeof ANSI;

function painter(enabled: boolean) {
  return (style: Style, text: string) => (enabled ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
}

const SEVERITY_STYLE: Record<string, Style> = { critical: 'red', important: 'yellow', minor: 'blue' };

/** Visible width, ignoring ANSI codes. */
const width = (s: string) => stripVTControlCharacters(s).length;
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

/**
 * The default human format, after ESLint's `stylish`: findings grouped by file as
 * `line:column  severity  message  rule`, hints and related locations underneath, then a summary.
 */
const READINESS_STYLE: Record<string, Style> = { none: 'red', bronze: 'yellow', silver: 'blue', gold: 'green' };

export const stylish: Formatter = (input, options = {}) => {
  const paint = painter(options.color ?? false);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of [...(input.configDiagnostics ?? []), ...input.diagnostics]) {
    const list = byFile.get(d.file) ?? [];
    list.push(d);
    byFile.set(d.file, list);
  }
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push(paint('underline', file));
    const posWidth = Math.max(...list.map((d) => `${d.line}:${d.column}`.length));
    const sevWidth = Math.max(...list.map((d) => (d.suppressed ? 'waived' : d.severity).length));
    for (const d of list) {
      const pos = paint('gray', `${d.line}:${d.column}`.padEnd(posWidth));
      const sev = d.suppressed
        ? paint('gray', 'waived'.padEnd(sevWidth))
        : paint(SEVERITY_STYLE[d.severity], d.severity.padEnd(sevWidth));
      out.push(`  ${pos}  ${sev}  ${d.message}  ${paint('gray', d.ruleId)}`);
      const indent = ' '.repeat(2 + posWidth + 2 + sevWidth + 2);
      if (d.hint) out.push(`${indent}${paint('gray', d.hint)}`);
      for (const r of d.related ?? [])
        out.push(`${indent}${paint('gray', `${r.file}:${r.line}:${r.column} ${r.message}`)}`);
      if (d.suppressed) {
        const { expires, owner, reason } = d.suppressed;
        out.push(`${indent}${paint('gray', `waived until ${expires} by ${owner}: ${reason}`)}`);
      }
    }
    out.push('');
  }
  const counts = countDiagnostics(input.diagnostics);
  const problems = counts.critical + counts.important + counts.minor;
  const withProblems = new Set(input.diagnostics.filter((d) => !d.suppressed).map((d) => d.project ?? d.file)).size;
  const plans = plural(input.plans.length, 'plan');
  const waived = counts.waived ? `, ${counts.waived} waived` : '';
  if (problems === 0) {
    out.push(paint('green', `✔ ${plans} checked, no problems${counts.waived ? ` (${counts.waived} waived)` : ''}.`));
  } else {
    const mark = counts.critical ? paint('red', '✖') : paint('yellow', '⚠');
    const breakdown = `${counts.critical} critical, ${counts.important} important, ${counts.minor} minor${waived}`;
    out.push(`${mark} ${paint('bold', plural(problems, 'problem'))} (${breakdown}) in ${withProblems} of ${plans}.`);
  }
  if (input.configDiagnostics?.length)
    out.push(paint('red', `✖ ${plural(input.configDiagnostics.length, 'problem')} in the config.`));
  const nameWidth = Math.max(0, ...input.plans.map((p) => p.project.length));
  const levelWidth = Math.max(0, ...input.plans.map((p) => p.readiness.length));
  for (const plan of input.plans) {
    const own = countDiagnostics(
      input.diagnostics.filter((d) => (d.project ?? d.file) === plan.project || d.file === plan.file),
    );
    const total = own.critical + own.important + own.minor;
    const detail =
      total === 0
        ? 'clean'
        : [
            own.critical && `${own.critical} critical`,
            own.important && `${own.important} important`,
            own.minor && `${own.minor} minor`,
          ]
            .filter(Boolean)
            .join(', ');
    const level = paint(READINESS_STYLE[plan.readiness], plan.readiness.padEnd(levelWidth));
    const waivedNote = own.waived ? ` (${own.waived} waived)` : '';
    out.push(`  ${pad(plan.project, nameWidth)}  ${level}  ${detail}${waivedNote}  ${paint('gray', plan.file)}`);
  }
  return out.join('\n') + '\n';
};
