import type { CodeType, Flows } from './generated/plan';
import { joinPointer } from './pointer';

export type FlowName = keyof Flows;

/** The flows the deployment method asks for, per code type (Step 1). */
export const FLOWS_BY_CODE_TYPE: Readonly<Record<CodeType, readonly FlowName[]>> = {
  ui: ['user', 'admin', 'system'],
  api: ['request', 'response', 'error', 'data'],
  integration: ['integration', 'data', 'error', 'state'],
  database: ['migration', 'query', 'data', 'state'],
  'background-job': ['job', 'processing', 'state', 'error'],
  cli: ['command', 'processing', 'output', 'error'],
  configuration: ['configuration', 'validation', 'error'],
  utility: ['input', 'processing', 'output', 'error'],
};

/** Code types that run as a service: they need health checks, flags and a staged rollout. */
export const SERVICE_CODE_TYPES: readonly CodeType[] = ['ui', 'api', 'integration', 'background-job'];

/** Rollback levels of the method: 1 feature flag, 2 configuration, 3 code. */
export const ROLLBACK_KIND_BY_LEVEL: Readonly<Record<1 | 2 | 3, 'feature-flag' | 'configuration' | 'code'>> = {
  1: 'feature-flag',
  2: 'configuration',
  3: 'code',
};

/** The method's time budgets per rollback level (< 5 min, < 10 min, < 15 min). */
export const DEFAULT_ROLLBACK_BUDGETS = { level1: '5m', level2: '10m', level3: '15m' } as const;

const PLACEHOLDER_FIRST = 'tTfFnN?-.';
const PLACEHOLDER_WORD = /^(todo|tbd|fixme|n\/a|none yet|\?+|-+|\.\.\.)$/i;
const ANGLE_PLACEHOLDER = /^<[^>]*>$/;
const SCAFFOLD_MARKER = /\bTODO\(deploy-plan\)/;

/**
 * Text that stands for "not answered yet": empty, `TODO`, `TBD`, `FIXME`, `???`, `<...>` or the
 * scaffold's `TODO(deploy-plan)` markers.
 */
export function isPlaceholder(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  const t = text.trim();
  if (t === '') return true;
  // Each pattern is tried only when the first character (or a substring) allows it: this runs
  // on most strings of every plan.
  const first = t[0];
  return (
    (PLACEHOLDER_FIRST.includes(first) && PLACEHOLDER_WORD.test(t)) ||
    (first === '<' && ANGLE_PLACEHOLDER.test(t)) ||
    (t.includes('TODO(deploy-plan)') && SCAFFOLD_MARKER.test(t))
  );
}

/** True when a value is missing, empty, or a placeholder. */
export function isUnanswered(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return isPlaceholder(value);
  if (Array.isArray(value)) return value.length === 0 || value.every(isUnanswered);
  if (typeof value === 'object') return Object.values(value).every(isUnanswered);
  return false;
}

/** A scaffold placeholder (`TODO(deploy-plan)`) in a plan as written: where, and its text. */
export interface Placeholder {
  pointer: string;
  text: string;
}

/** True for a string holding the scaffold's `TODO(deploy-plan)` marker. */
export function isScaffoldPlaceholder(value: unknown): value is string {
  return typeof value === 'string' && value.includes('TODO(deploy-plan)') && SCAFFOLD_MARKER.test(value);
}

/**
 * Every scaffold placeholder in a parsed document, in document order. Runs on every plan, so it
 * walks with one shared path and builds a pointer only for a hit.
 */
export function findScaffoldPlaceholders(value: unknown): Placeholder[] {
  const found: Placeholder[] = [];
  const trail: (string | number)[] = [];
  const visit = (node: unknown): void => {
    if (isScaffoldPlaceholder(node)) found.push({ pointer: joinPointer(trail), text: node });
    else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        trail.push(i);
        visit(node[i]);
        trail.pop();
      }
    } else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        trail.push(key);
        visit((node as Record<string, unknown>)[key]);
        trail.pop();
      }
    }
  };
  visit(value);
  return found;
}
