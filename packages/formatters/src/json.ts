import { countDiagnostics } from './counts';
import type { Formatter } from './types';

/** Version of the JSON report's shape; raised when a field changes meaning or goes away. */
export const JSON_REPORT_VERSION = 1;

/**
 * Machine-readable report: a summary, the checked plans, and every diagnostic (sorted, each
 * with file, 1-based positions, pointer and rule).
 */
export const json: Formatter = (input) => {
  const counts = countDiagnostics(input.diagnostics);
  const report = {
    version: JSON_REPORT_VERSION,
    failOn: input.failOn,
    summary: { plans: input.plans.length, problems: counts.critical + counts.important + counts.minor, ...counts },
    plans: input.plans.map((plan) => ({
      file: plan.file,
      project: plan.project,
      readiness: plan.readiness,
      counts: countDiagnostics(input.diagnostics.filter((d) => d.project === plan.project || d.file === plan.file)),
    })),
    diagnostics: input.diagnostics,
    configDiagnostics: input.configDiagnostics ?? [],
  };
  return JSON.stringify(report, null, 2) + '\n';
};
