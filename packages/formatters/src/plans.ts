import type { Diagnostic } from '@deploy-plan/core';
import type { FormattedPlan } from './types';

/** Diagnostics grouped by the plan they are about, in one pass over them. */
export interface PlanGroups {
  /** Each plan file's diagnostics, in input order; every plan of the input has an entry. */
  readonly byFile: ReadonlyMap<string, readonly Diagnostic[]>;
  /** The plan file a diagnostic is about, if any plan of the input. */
  readonly planOf: (d: Diagnostic) => string | undefined;
}

/**
 * Groups diagnostics by plan file, never by project name (two plans may declare the same
 * project). A diagnostic belongs to the plan it is in; a code finding, which points at the code,
 * to the plan of its first related location in a plan (the engine puts the plan line it checks
 * there). A diagnostic in no plan of the input belongs to none. Linear in plans + diagnostics.
 */
export function groupByPlan(plans: readonly FormattedPlan[], diagnostics: readonly Diagnostic[]): PlanGroups {
  const byFile = new Map<string, Diagnostic[]>();
  for (const plan of plans) if (!byFile.has(plan.file)) byFile.set(plan.file, []);
  const planOf = (d: Diagnostic): string | undefined => {
    if (byFile.has(d.file)) return d.file;
    for (const r of d.related ?? []) if (byFile.has(r.file)) return r.file;
    return undefined;
  };
  for (const d of diagnostics) {
    const file = planOf(d);
    if (file !== undefined) byFile.get(file)!.push(d);
  }
  return { byFile, planOf };
}
