import type { Severity } from '@deploy-plan/core';
import { countDiagnostics } from './counts';
import type { Formatter } from './types';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  critical: 'error',
  important: 'warning',
  minor: 'notice',
};

/** GitHub workflow command data: `%`, CR and LF are escaped. */
export const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** GitHub workflow command properties: also `:` and `,`. */
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** Most annotations written; GitHub shows only a few per step, and a flood helps nobody. */
export const MAX_ANNOTATIONS = 50;

/**
 * GitHub Actions annotations (`::error file=…,line=…,col=…::message`) for pull request diffs,
 * capped at {@link MAX_ANNOTATIONS} with a summary line saying how many were left out.
 */
export const github: Formatter = (input) => {
  const active = [...(input.configDiagnostics ?? []), ...input.diagnostics].filter((d) => !d.suppressed);
  const lines = active.slice(0, MAX_ANNOTATIONS).map((d) => {
    const props = [
      `file=${escapeProperty(d.file)}`,
      `line=${d.line}`,
      `col=${d.column}`,
      ...(d.endLine !== undefined ? [`endLine=${d.endLine}`] : []),
      ...(d.endColumn !== undefined && d.endLine === d.line ? [`endColumn=${d.endColumn}`] : []),
      `title=${escapeProperty(`deploy-plan ${d.ruleId}`)}`,
    ];
    return `::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(d.hint ? `${d.message} ${d.hint}` : d.message)}`;
  });
  if (active.length > MAX_ANNOTATIONS) {
    const more = active.length - MAX_ANNOTATIONS;
    const text = `${more} more findings are not shown as annotations; see the job log or the SARIF report.`;
    lines.push(`::warning title=deploy-plan::${escapeData(text)}`);
  }
  const c = countDiagnostics(input.diagnostics);
  const waived = c.waived ? `, ${c.waived} waived` : '';
  const breakdown = `${c.critical} critical, ${c.important} important, ${c.minor} minor${waived}`;
  lines.push(
    `deploy-plan: ${c.critical + c.important + c.minor} problems (${breakdown}) in ${input.plans.length} plans.`,
  );
  return lines.join('\n') + '\n';
};
