/** How much a finding matters, from the deployment checklist's priorities. */
export type Severity = 'critical' | 'important' | 'minor';

/** Severities from most to least severe. */
export const SEVERITIES: readonly Severity[] = ['critical', 'important', 'minor'];

/** Lower is more severe: critical 0, important 1, minor 2. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** True when `severity` is at or above `threshold`. */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

/** A location that explains a diagnostic, e.g. the code site behind a plan claim. */
export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}

/** How a waiver applied to a finding. */
export interface WaiverSuppression {
  kind: 'waiver';
  reason: string;
  owner: string;
  expires: string;
}

/** A finding counted in the suppressions file (the adoption baseline): reported, not failing. */
export interface BaselineSuppression {
  kind: 'baseline';
  /** The suppressions file, relative to the workspace root. */
  file: string;
}

/** Why a finding does not count towards the exit code. */
export type Suppression = WaiverSuppression | BaselineSuppression;

/**
 * One finding. Positions are 1-based; `file` is POSIX and relative to the workspace root.
 */
export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  messageId: string;
  data?: Record<string, string>;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** RFC 6901 pointer into the plan, when the finding is about a plan location. */
  pointer?: string;
  project?: string;
  /** The rule's documentation page: the policy's own `docsUrl`, else one under the config's `docsBaseUrl`. */
  docsUrl?: string;
  hint?: string;
  related?: RelatedLocation[];
  /**
   * Present when a waiver excuses the finding or the suppressions file counts it: it is reported,
   * but does not fail the run.
   */
  suppressed?: Suppression;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders by file, line, column and ruleId, so output is reproducible. Findings of one rule at
 * one position keep the order the rule reported them in (the sort is stable).
 */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column || compareStrings(a.ruleId, b.ruleId);
}

/** Returns a sorted copy (stable). */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}

/** The most characters of one value a message quotes: enough to recognise it, never a file's worth. */
export const MAX_QUOTED = 80;

/** `text` cut to `max` characters (an ellipsis marks the cut), never splitting a surrogate pair. */
export function excerpt(text: string, max = MAX_QUOTED): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 2]) ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}

/**
 * Replaces `{{name}}` placeholders with values from `data`. Each value is cut to MAX_QUOTED
 * characters, so no message quotes more than that of what a file holds.
 */
export function interpolate(template: string, data: Record<string, string> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(data, name) ? excerpt(data[name]) : whole,
  );
}

/**
 * What was thrown, as one line: an Error's message, or the value itself (`throw null`, a
 * string, an object whose `toString` throws too). Never throws.
 */
export function describeThrown(error: unknown): string {
  try {
    const named = error instanceof Error && error.name !== 'Error';
    const text = error instanceof Error ? (named ? `${error.name}: ${error.message}` : error.message) : String(error);
    return text.split('\n')[0];
  } catch {
    return 'a value that cannot be printed';
  }
}
