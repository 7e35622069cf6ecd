import type { Diagnostic } from './diagnostic';

/**
 * How ready a project is to deploy: `bronze` when no critical finding remains, `silver` when
 * no important one remains either, `gold` when clean. `none` while critical findings remain.
 * Waived findings do not count.
 */
export type Readiness = 'none' | 'bronze' | 'silver' | 'gold';

export function readinessOf(diagnostics: readonly Diagnostic[]): Readiness {
  // A waiver excuses a finding; the suppressions baseline only keeps it from failing the run.
  const active = diagnostics.filter((d) => d.suppressed?.kind !== 'waiver');
  if (active.some((d) => d.severity === 'critical')) return 'none';
  if (active.some((d) => d.severity === 'important')) return 'bronze';
  if (active.some((d) => d.severity === 'minor')) return 'silver';
  return 'gold';
}
