import type { Diagnostic, Readiness, Severity } from '@deploy-plan/core';

/** One checked plan, as formatters see it. */
export interface FormattedPlan {
  file: string;
  project: string;
  /** bronze: no critical finding left; silver: no important either; gold: clean; none otherwise. */
  readiness: Readiness;
}

/** Everything a formatter may use. Formatters are pure: same input, same text. */
export interface FormatInput {
  /** Sorted diagnostics, waived ones included (marked `suppressed`). */
  diagnostics: readonly Diagnostic[];
  /** Problems in the config file, reported apart from the plans. */
  configDiagnostics?: readonly Diagnostic[];
  plans: readonly FormattedPlan[];
  /** The severity at which the run fails, for summaries. */
  failOn: Severity;
}

export interface FormatOptions {
  /** ANSI colours (stylish only). */
  color?: boolean;
  /** Absolute workspace root, for formats that record where the run happened (SARIF). */
  root?: string;
}

export type Formatter = (input: FormatInput, options?: FormatOptions) => string;
