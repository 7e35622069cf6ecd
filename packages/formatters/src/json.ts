import { countDiagnostics } from './counts';
import { groupByPlan } from './plans';
import type { Formatter } from './types';

/** Version of the JSON report's shape; raised when a field changes meaning or goes away. */
export const JSON_REPORT_VERSION = 1;

/** What `JSON.stringify` leaves raw that a terminal or CI log would act on. */
const RAW = /[\u007f-\u009f\u2028\u2029]/g;

/**
 * JSON text, indented and ending in a newline, with what `JSON.stringify` leaves raw that a
 * terminal or CI log would act on also escaped: DEL, C1 controls (U+009B is CSI to some
 * terminals), U+2028 and U+2029, and the `#` of GitHub's legacy command prefix `##[`. All of them
 * occur only inside strings, so the text parses to the same value.
 */
export function jsonText(value: unknown): string {
  // The newline goes on first: the checks below flatten the string, and appending to it after
  // them would make the caller's write copy all of it once more.
  const text = JSON.stringify(value, null, 2) + '\n';
  // Most reports hold none of them: checking first is much faster than a replace that finds nothing.
  if (!/[\x7f-\x9f]/.test(text) && !text.includes('\u2028') && !text.includes('\u2029') && !text.includes('##['))
    return text;
  return text.replace(RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/##\[/g, '#\\u0023[');
}

/**
 * Machine-readable report: a summary, the checked plans, and every diagnostic (sorted, each
 * with file, 1-based positions, pointer and rule).
 */
export const json: Formatter = (input) => {
  const counts = countDiagnostics(input.diagnostics);
  const { byFile } = groupByPlan(input.plans, input.diagnostics);
  const report = {
    version: JSON_REPORT_VERSION,
    failOn: input.failOn,
    summary: { plans: input.plans.length, problems: counts.critical + counts.important + counts.minor, ...counts },
    plans: input.plans.map((plan) => ({
      file: plan.file,
      project: plan.project,
      readiness: plan.readiness,
      counts: countDiagnostics(byFile.get(plan.file) ?? []),
    })),
    diagnostics: input.diagnostics,
    configDiagnostics: input.configDiagnostics ?? [],
    ...(input.suppressions
      ? {
          suppressions: {
            file: input.suppressions.file,
            suppressed: counts.suppressed,
            unused: input.suppressions.unused,
          },
        }
      : {}),
  };
  return jsonText(report);
};
