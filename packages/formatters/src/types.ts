import type { Diagnostic, Readiness, Severity, UnusedSuppression } from '@deploy-plan/core';

/** One checked plan, as formatters see it. */
export interface FormattedPlan {
  file: string;
  project: string;
  /** bronze: no critical finding left; silver: no important either; gold: clean; none otherwise. */
  readiness: Readiness;
  /** Whether the plan loaded and matched the schema, so its policies ran (default true). */
  checked?: boolean;
  /** Ids of the policies enabled for this project; absent means every policy rule. */
  policies?: readonly string[];
}

/** A rule or policy as reports describe it (SARIF rules, JUnit test cases). */
export interface RuleInfo {
  id: string;
  /** `builtin` checks (loading, schema, config, waivers) run on every plan; policies can be turned off. */
  kind: 'builtin' | 'policy';
  /** Default severity; config may change it per project. */
  severity: Severity;
  description: string;
  rationale?: string;
  /** Its documentation page, when there is one to link to (the config's `docsBaseUrl`). */
  docsUrl?: string;
  /** Its help in plain text and Markdown, from the meta its docs page is built from (SARIF). */
  help?: { text: string; markdown: string };
  /** Checklist items of the deployment method it enforces. */
  checklist?: readonly string[];
}

/** Everything a formatter may use. Formatters are pure: same input, same text. */
export interface FormatInput {
  /** Every rule and policy that ran (for SARIF's rule list and JUnit's passing test cases). */
  rules?: readonly RuleInfo[];
  /** The tool's version, for SARIF. */
  version?: string;
  /** Sorted diagnostics, waived and baseline-suppressed ones included (marked `suppressed`). */
  diagnostics: readonly Diagnostic[];
  /** Problems in the config file, reported apart from the plans. */
  configDiagnostics?: readonly Diagnostic[];
  plans: readonly FormattedPlan[];
  /** The severity at which the run fails, for summaries. */
  failOn: Severity;
  /** The lines of the files findings point at, for formats that quote them (HTML). */
  sources?: Readonly<Record<string, readonly string[]>>;
  /** The suppressions file when one was read: where, and its entries no finding uses any more. */
  suppressions?: { file: string; unused: readonly UnusedSuppression[] };
}

export interface FormatOptions {
  /** ANSI colours (stylish only). */
  color?: boolean;
  /** Absolute workspace root, for formats that record where the run happened (SARIF). */
  root?: string;
  /**
   * SARIF `automationDetails.id`: GitHub code scanning keeps one analysis per category, so a
   * report per project (from Nx) needs its own, e.g. `deploy-plan/orders-api/`. Default `deploy-plan/`.
   */
  sarifCategory?: string;
}

export type Formatter = (input: FormatInput, options?: FormatOptions) => string;
