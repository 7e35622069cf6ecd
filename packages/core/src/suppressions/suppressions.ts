import * as path from 'node:path';
import { isAtLeast, sortDiagnostics, type Diagnostic, type Severity } from '../diagnostic';
import { builtinDiagnostic } from '../plan/load-plan';
import type { PlanResult } from '../check/run-check';
import { BUILTIN_RULES } from '../rules/builtin-rules';
import { LineIndex } from '../source/line-index';
import { readSourceFile } from '../source/read-source';

/**
 * The adoption baseline, as ESLint's `eslint-suppressions.json`: per plan file and per policy, how
 * many findings are accepted for now. No line numbers, so an edit above a finding keeps it
 * suppressed; a count that grows fails, and a count that shrinks can be pruned.
 */
export const SUPPRESSIONS_FILE = 'deploy-plan-suppressions.json';

/** Plan file (workspace-relative) -> policy id -> accepted count. */
export type SuppressionEntries = Record<string, Record<string, { count: number }>>;

export interface LoadedSuppressions {
  /** The file, relative to the workspace root (POSIX). */
  file: string;
  entries: SuppressionEntries;
  /** Problems reading it; a file with problems suppresses nothing. */
  diagnostics: Diagnostic[];
}

/** An entry whose count is above what the plan has now: it can be pruned. */
export interface UnusedSuppression {
  plan: string;
  ruleId: string;
  count: number;
  found: number;
}

/**
 * Whether the baseline may count a finding: not one the loader reports (a plan that does not
 * load or match the schema was not checked at all), not a failed policy, not a waived one.
 */
const suppressible = (d: Diagnostic) => !d.suppressed && !/^(plan|config|internal)\//.test(d.ruleId);

/** Why a file could not be read, as a sentence's end. */
const UNREADABLE: Record<string, string> = {
  directory: 'it is a directory',
  permission: 'permission denied',
  symlinkLoop: 'it is a symbolic link that loops back on itself',
  ioError: 'an I/O error',
  notAFile: 'it is not a regular file',
  tooLarge: 'it is over 64 MiB',
  notUtf8: 'it is not UTF-8 text',
};

/** Reads the suppressions file; a missing file is an empty baseline. */
export function loadSuppressions(root: string, location?: string): LoadedSuppressions {
  const absolute = path.resolve(root, location ?? SUPPRESSIONS_FILE);
  const file = path.relative(root, absolute).split(path.sep).join('/');
  const read = readSourceFile(absolute, 64 * 1024 * 1024);
  if (!read.ok) {
    if (read.messageId === 'missing') return { file, entries: {}, diagnostics: [] };
    const reason = UNREADABLE[read.messageId] ?? read.messageId;
    const at = read.messageId === 'notUtf8' ? read.position : { line: 1, column: 1 };
    const problem = builtinDiagnostic(BUILTIN_RULES.suppressions, 'unreadable', { reason }, file, at);
    return { file, entries: {}, diagnostics: [problem] };
  }
  return parseSuppressions(read.text, file);
}

/** Parses the file's text: JSON errors and shape errors carry their position. */
export function parseSuppressions(text: string, file: string): LoadedSuppressions {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
    const offset = /position (\d+)/.exec(reason);
    const at = new LineIndex(text).position(offset ? Number(offset[1]) : 0);
    return {
      file,
      entries: {},
      diagnostics: [builtinDiagnostic(BUILTIN_RULES.suppressions, 'syntax', { reason }, file, at)],
    };
  }
  const shape = (where: string, expected: string, key?: string) => {
    const offset = key === undefined ? 0 : Math.max(0, text.indexOf(JSON.stringify(key)));
    const at = new LineIndex(text).position(offset);
    const diagnostic = builtinDiagnostic(BUILTIN_RULES.suppressions, 'shape', { where, expected }, file, at);
    return { file, entries: {}, diagnostics: [diagnostic] };
  };
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(value)) return shape('The file', 'an object of plan files');
  const entries: SuppressionEntries = Object.create(null) as SuppressionEntries;
  for (const [plan, rules] of Object.entries(value)) {
    if (!isObject(rules)) return shape(`\`${plan}\``, 'an object of policy ids', plan);
    const own: Record<string, { count: number }> = Object.create(null) as Record<string, { count: number }>;
    for (const [ruleId, entry] of Object.entries(rules)) {
      const count = isObject(entry) ? entry.count : undefined;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1)
        return shape(`\`${plan}\` → \`${ruleId}\``, '`{ "count": N }` with a whole number N ≥ 1', ruleId);
      own[ruleId] = { count };
    }
    entries[plan] = own;
  }
  return { file, entries, diagnostics: [] };
}

/** Suppressible findings per plan file and policy, counted. */
function countFindings(plans: readonly PlanResult[], keep: (d: Diagnostic) => boolean): SuppressionEntries {
  const counts: SuppressionEntries = Object.create(null) as SuppressionEntries;
  for (const plan of plans) {
    for (const d of plan.diagnostics) {
      if (!suppressible(d) || !keep(d)) continue;
      const own = (counts[plan.file] ??= Object.create(null) as Record<string, { count: number }>);
      own[d.ruleId] = { count: (Object.hasOwn(own, d.ruleId) ? own[d.ruleId].count : 0) + 1 };
    }
  }
  return counts;
}

/**
 * `--suppress-all` / `--suppress-policy`: the baseline with today's findings of the checked plans
 * at or above `failOn` (of the given policies only, when named) counted in, replacing those
 * plans' counts for those policies; other entries stay as they were.
 */
export function suppressFindings(
  entries: SuppressionEntries,
  plans: readonly PlanResult[],
  options: { failOn: Severity; policies?: readonly string[] },
): SuppressionEntries {
  const chosen = (id: string) => !options.policies || options.policies.includes(id);
  const found = countFindings(plans, (d) => isAtLeast(d.severity, options.failOn) && chosen(d.ruleId));
  const next = copy(entries);
  for (const plan of plans) {
    const own = next[plan.file] ?? {};
    for (const ruleId of Object.keys(own)) if (chosen(ruleId)) delete own[ruleId];
    Object.assign(own, found[plan.file] ?? {});
    next[plan.file] = own;
  }
  return withoutEmpty(next);
}

/**
 * `--prune-suppressions`: each checked plan's counts lowered to what it has now, entries of
 * plans that no longer exist dropped. Never raises a count.
 */
export function pruneSuppressions(
  entries: SuppressionEntries,
  plans: readonly PlanResult[],
  exists: (plan: string) => boolean,
): SuppressionEntries {
  const found = countFindings(plans, () => true);
  const checked = new Set(plans.map((p) => p.file));
  const next = copy(entries);
  for (const [plan, own] of Object.entries(next)) {
    if (!exists(plan)) delete next[plan];
    else if (checked.has(plan))
      for (const [ruleId, { count }] of Object.entries(own)) {
        const now = Math.min(count, found[plan]?.[ruleId]?.count ?? 0);
        if (now) own[ruleId] = { count: now };
        else delete own[ruleId];
      }
  }
  return withoutEmpty(next);
}

/**
 * Marks the findings the baseline accepts: for each plan and policy, when the plan has no more
 * findings than its count, all of them are suppressed; when it has more, none is (which of them
 * is new cannot be told without line numbers), as ESLint does. Entries of checked plans whose
 * count is above what was found are returned as unused.
 */
export function applySuppressions(
  plans: readonly PlanResult[],
  baseline: Pick<LoadedSuppressions, 'entries' | 'file'>,
): { plans: PlanResult[]; unused: UnusedSuppression[] } {
  const found = countFindings(plans, () => true);
  const unused: UnusedSuppression[] = [];
  const marked = plans.map((plan) => {
    const own = Object.hasOwn(baseline.entries, plan.file) ? baseline.entries[plan.file] : undefined;
    if (!own) return plan;
    for (const [ruleId, { count }] of Object.entries(own)) {
      const now = found[plan.file]?.[ruleId]?.count ?? 0;
      if (now < count) unused.push({ plan: plan.file, ruleId, count, found: now });
    }
    const accepted = (d: Diagnostic) =>
      suppressible(d) &&
      (found[plan.file][d.ruleId]?.count ?? 0) <= (Object.hasOwn(own, d.ruleId) ? own[d.ruleId].count : 0);
    const diagnostics = plan.diagnostics.map((d) =>
      accepted(d) ? { ...d, suppressed: { kind: 'baseline' as const, file: baseline.file } } : d,
    );
    return { ...plan, diagnostics: sortDiagnostics(diagnostics) };
  });
  return { plans: marked, unused };
}

/** The file's text: plans and policies in sorted order, two-space JSON, a final newline. */
export function suppressionsText(entries: SuppressionEntries): string {
  const sorted = Object.fromEntries(
    Object.keys(entries)
      .sort()
      .map((plan) => [
        plan,
        Object.fromEntries(
          Object.keys(entries[plan])
            .sort()
            .map((id) => [id, { count: entries[plan][id].count }]),
        ),
      ]),
  );
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** How many findings the entries accept in all. */
export function suppressedCount(entries: SuppressionEntries): number {
  return Object.values(entries).reduce((n, own) => n + Object.values(own).reduce((m, e) => m + e.count, 0), 0);
}

function copy(entries: SuppressionEntries): SuppressionEntries {
  const out: SuppressionEntries = Object.create(null) as SuppressionEntries;
  for (const [plan, own] of Object.entries(entries)) out[plan] = { ...own };
  return out;
}

function withoutEmpty(entries: SuppressionEntries): SuppressionEntries {
  for (const plan of Object.keys(entries)) if (!Object.keys(entries[plan]).length) delete entries[plan];
  return entries;
}
