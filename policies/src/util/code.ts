import type { CodeFacts, InspectionFailure, ProjectFacts } from '@deploy-plan/core';

/** Failures of code inspection for a project: the provider's list, else the code facts' own. */
export function failuresOf(facts: ProjectFacts): InspectionFailure[] {
  return facts.failures ?? facts.code?.failures ?? [];
}

const sites = (list: readonly { file: string; line: number }[]) =>
  list
    .slice(0, 3)
    .map((s) => `${s.file}:${s.line}`)
    .join(', ');

/**
 * Why the code facts may be incomplete, as a clause for a message; undefined when they are
 * complete. `routes` adds the route registrations inspection saw but could not follow.
 */
export function incompleteness(
  code: CodeFacts,
  failures: readonly InspectionFailure[],
  what: 'routes' | 'reads',
): string | undefined {
  const reasons: string[] = [];
  const unknown = code.unknowns?.routeSites ?? [];
  if (what === 'routes' && unknown.length) {
    const were = unknown.length === 1 ? ' was' : 's were';
    reasons.push(`${unknown.length} route registration${were} not understood (${sites(unknown)})`);
  }
  if (failures.length) {
    reasons.push(
      `${failures.length} file${failures.length === 1 ? '' : 's'} could not be inspected (${sites(failures)})`,
    );
  }
  const omitted = code.unknowns?.omittedFiles ?? 0;
  if (omitted) reasons.push(`${omitted} source file${omitted === 1 ? ' was' : 's were'} left out (over the file cap)`);
  return reasons.length ? reasons.join('; ') : undefined;
}
