import { stripVTControlCharacters } from 'node:util';
import type { Diagnostic } from '@deploy-plan/core';
import { countDiagnostics, plural, setApart } from './counts';
import { freeText, guardLines, oneLine } from './escape';
import { groupByPlan } from './plans';
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
  // What the suppressions file accepts is counted below, not listed, as ESLint does.
  for (const d of [...(input.configDiagnostics ?? []), ...input.diagnostics]) {
    if (d.suppressed?.kind === 'baseline') continue;
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push(paint('underline', oneLine(file)));
    let posWidth = 0;
    let sevWidth = 0;
    for (const d of list) {
      posWidth = Math.max(posWidth, `${d.line}:${d.column}`.length);
      sevWidth = Math.max(sevWidth, (d.suppressed ? 'waived' : d.severity).length);
    }
    for (const d of list) {
      const pos = paint('gray', `${d.line}:${d.column}`.padEnd(posWidth));
      const sev = d.suppressed
        ? paint('gray', 'waived'.padEnd(sevWidth))
        : paint(SEVERITY_STYLE[d.severity], d.severity.padEnd(sevWidth));
      out.push(`  ${pos}  ${sev}  ${freeText(d.message)}  ${paint('gray', oneLine(d.ruleId))}`);
      const indent = ' '.repeat(2 + posWidth + 2 + sevWidth + 2);
      if (d.hint) out.push(`${indent}${paint('gray', freeText(d.hint))}`);
      for (const r of d.related ?? [])
        out.push(`${indent}${paint('gray', `${oneLine(r.file)}:${r.line}:${r.column} ${freeText(r.message)}`)}`);
      if (d.suppressed?.kind === 'waiver') {
        const { expires, owner, reason } = d.suppressed;
        out.push(
          `${indent}${paint('gray', `waived until ${oneLine(expires)} by ${oneLine(owner)}: ${freeText(reason)}`)}`,
        );
      }
    }
    out.push('');
  }
  const { byFile: byPlan, planOf } = groupByPlan(input.plans, input.diagnostics);
  const counts = countDiagnostics(input.diagnostics);
  const problems = counts.critical + counts.important + counts.minor;
  const withProblems = new Set(input.diagnostics.filter((d) => !d.suppressed).map((d) => planOf(d) ?? d.file)).size;
  const plans = plural(input.plans.length, 'plan');
  const apart = setApart(counts);
  if (problems === 0) {
    out.push(paint('green', `✔ ${plans} checked, no problems${apart ? ` (${apart.slice(2)})` : ''}.`));
  } else {
    const mark = counts.critical ? paint('red', '✖') : paint('yellow', '⚠');
    const breakdown = `${counts.critical} critical, ${counts.important} important, ${counts.minor} minor${apart}`;
    out.push(`${mark} ${paint('bold', plural(problems, 'problem'))} (${breakdown}) in ${withProblems} of ${plans}.`);
  }
  if (input.configDiagnostics?.length)
    out.push(paint('red', `✖ ${plural(input.configDiagnostics.length, 'problem')} in the config.`));
  if (counts.suppressed && input.suppressions)
    out.push(
      paint(
        'gray',
        `  ${plural(counts.suppressed, 'finding')} accepted for now in ${oneLine(input.suppressions.file)}.`,
      ),
    );
  const unused = input.suppressions?.unused ?? [];
  if (unused.length) {
    out.push(
      paint(
        'yellow',
        `⚠ ${plural(unused.length, 'suppression')} in ${oneLine(input.suppressions!.file)} no longer ` +
          `${unused.length === 1 ? 'matches' : 'match'} what the plans have; ` +
          `remove ${unused.length === 1 ? 'it' : 'them'} ` +
          'with `deploy-plan check --prune-suppressions`:',
      ),
    );
    for (const u of unused)
      out.push(`    ${oneLine(u.plan)}  ${oneLine(u.ruleId)}: ${u.count} suppressed, ${u.found} found`);
  }
  const names = input.plans.map((p) => oneLine(p.project));
  let nameWidth = 0;
  let levelWidth = 0;
  for (const [i, plan] of input.plans.entries()) {
    nameWidth = Math.max(nameWidth, names[i].length);
    levelWidth = Math.max(levelWidth, plan.readiness.length);
  }
  for (const [i, plan] of input.plans.entries()) {
    const own = countDiagnostics(byPlan.get(plan.file) ?? []);
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
    const ownApart = setApart(own);
    const waivedNote = ownApart ? ` (${ownApart.slice(2)})` : '';
    out.push(`  ${pad(names[i], nameWidth)}  ${level}  ${detail}${waivedNote}  ${paint('gray', oneLine(plan.file))}`);
  }
  return guardLines(out.join('\n') + '\n', '\\x3a');
};
