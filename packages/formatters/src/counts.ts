import type { Diagnostic } from '@deploy-plan/core';

export interface Counts {
  critical: number;
  important: number;
  minor: number;
  /** Findings excused by a waiver: reported, not counted above. */
  waived: number;
  /** Findings the suppressions file accepts for now: reported, not counted above. */
  suppressed: number;
}

/** Counts active findings by severity, and waived and suppressed ones apart. */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): Counts {
  const counts: Counts = { critical: 0, important: 0, minor: 0, waived: 0, suppressed: 0 };
  for (const d of diagnostics) {
    if (d.suppressed?.kind === 'waiver') counts.waived++;
    else if (d.suppressed) counts.suppressed++;
    else counts[d.severity]++;
  }
  return counts;
}

/** `, 2 waived, 5 suppressed` for what the counts set apart; empty when nothing is. */
export function setApart(counts: Counts): string {
  return [counts.waived && `${counts.waived} waived`, counts.suppressed && `${counts.suppressed} suppressed`]
    .filter(Boolean)
    .map((part) => `, ${part}`)
    .join('');
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
