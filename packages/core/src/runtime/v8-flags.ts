/**
 * V8's interrupt budget decides how much bytecode a function runs before V8 considers optimizing
 * it; V8 gives each function its budget when the function is created. The CLI raises it for
 * threaded checks (see packages/cli/src/v8-tuning.ts, where the numbers are). V8 also accepts a
 * code cache only under the flags it was made with, so the compile cache (compile-cache.ts)
 * names the budget the code was loaded with and makes its caches under it.
 *
 * The state is shared by every copy of this module in an isolate (the launcher loads this file,
 * the bundled CLI has its own copy): whether the budget was raised before the code loaded, to
 * what, and whether it is raised now.
 */

/** The V8 the budgets were measured on (Node 20, V8 11.3), and its default; others are left alone. */
const V8_DEFAULT = { version: /^11\.3\./, budget: 67_584 };

const STATE = Symbol.for('deploy-plan.interrupt-budget');
interface BudgetState {
  raisedTo: number;
  raisedNow: boolean;
}
const state = (): BudgetState | undefined => (globalThis as { [STATE]?: BudgetState })[STATE];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const setBudget = (budget: number) => (require('node:v8') as typeof import('node:v8')).setFlagsFromString(`--interrupt-budget=${budget}`);

/**
 * Raises the budget to `budget`, on the V8 it was measured on, unless node was given a budget of
 * its own. Call before loading the code it is for; returns whether it did.
 */
export function raiseInterruptBudget(budget: number, execArgv: readonly string[] = process.execArgv, v8Version = process.versions.v8): boolean {
  if (!V8_DEFAULT.version.test(v8Version) || execArgv.some((a) => /^--interrupt[-_]budget\b/.test(a))) return false;
  setBudget(budget);
  markInterruptBudgetRaised(budget);
  return true;
}

/** Records that the budget is raised to `budget`, in a worker thread (the flag itself is the process's). */
export function markInterruptBudgetRaised(budget: number): void {
  (globalThis as { [STATE]?: BudgetState })[STATE] = { raisedTo: budget, raisedNow: true };
}

/** The budget the code was loaded under when it was raised, else undefined. */
export function raisedInterruptBudget(): number | undefined {
  return state()?.raisedTo;
}

/** Puts back V8's default when `raiseInterruptBudget` raised it; returns whether it did. */
export function restoreInterruptBudget(): boolean {
  const s = state();
  if (!s?.raisedNow) return false;
  setBudget(V8_DEFAULT.budget);
  s.raisedNow = false;
  return true;
}

/** The V8 flags of ours in force now, as a code cache made now is named by ('' for V8's own). */
export function currentFlags(): string {
  const s = state();
  return s?.raisedNow ? `--interrupt-budget=${s.raisedTo}` : '';
}

/**
 * Runs `make` (which makes a code cache) under `flags`, the flags the code was loaded under, even
 * when they have changed since (the run put the default back), then puts back the current ones.
 */
export function withFlags<T>(flags: string, make: () => T): T {
  const s = state();
  if (!s || flags === currentFlags()) return make();
  setBudget(s.raisedNow ? V8_DEFAULT.budget : s.raisedTo);
  try {
    return make();
  } finally {
    setBudget(s.raisedNow ? s.raisedTo : V8_DEFAULT.budget);
  }
}
