import type { Diagnostic } from '@deploy-plan/core';

export interface Counts {
  critical: number;
  important: number;
  minor: number;
  /** Findings excused by a waiver: reported, not counted above. */
  waived: number;
}

/** Counts active findings by severity, and waived ones apart. */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): Counts {
  const counts: Counts = { critical: 0, important: 0, minor: 0, waived: 0 };
  for (const d of diagnostics) {
    if (d.suppressed) counts.waived++;
    else counts[d.severity]++;
  }
  return counts;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
