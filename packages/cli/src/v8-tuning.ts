/**
 * V8's interrupt budget decides how much bytecode a function runs before V8 considers optimizing
 * it. A check of many plans runs ~50 policies once per plan, so at Node 20's default (67,584)
 * each thread's isolate optimizes ~155 functions, and with as many threads as cores those
 * compiles compete with the checking threads. At 200,000 about half as many are optimized:
 * measured on 1,000 plans with two threads, 4–8% faster (paired runs). A one-project check runs ts-morph,
 * whose TypeScript compiler wants the default (10% slower at 200,000), so the budget is raised
 * before the CLI loads (V8 reads it when a function is created) and put back as soon as the run
 * turns out to need one thread, before the policy pack and ts-morph load.
 */
export const CHECK_INTERRUPT_BUDGET = 200_000;

/** The default of the V8 these numbers were measured on (Node 20, V8 11.3); others are left alone. */
const V8_DEFAULT = { version: /^11\.3\./, budget: 67_584 };

/**
 * Shared by every copy of this module in the isolate (the launcher's and the bundle's): whether
 * the budget was raised before the CLI loaded, and whether it is raised now.
 */
const STATE = Symbol.for('deploy-plan.interrupt-budget');
interface BudgetState {
  raisedAtLoad: boolean;
  raisedNow: boolean;
}
const state = (): BudgetState | undefined => (globalThis as { [STATE]?: BudgetState })[STATE];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const setBudget = (budget: number) => (require('node:v8') as typeof import('node:v8')).setFlagsFromString(`--interrupt-budget=${budget}`);

/** Whether `argv` (the CLI's arguments) is a `check` that may use threads. */
export function mayCheckWithThreads(argv: readonly string[]): boolean {
  if (argv[0] !== 'check' || argv.includes('--staged') || argv.includes('--help') || argv.includes('-h')) return false;
  const i = argv.findIndex((a) => a === '--concurrency' || a.startsWith('--concurrency='));
  const value = i < 0 ? 'auto' : argv[i].includes('=') ? argv[i].slice('--concurrency='.length) : argv[i + 1];
  return value !== 'off' && value !== '1';
}

/**
 * Raises the budget for a `check` that may use threads, on the V8 it was measured on, unless node
 * was given a budget of its own. Call before loading the CLI; returns whether it did.
 */
export function raiseInterruptBudget(argv: readonly string[], execArgv: readonly string[] = process.execArgv, v8Version = process.versions.v8): boolean {
  if (!V8_DEFAULT.version.test(v8Version) || execArgv.some((a) => /^--interrupt[-_]budget\b/.test(a))) return false;
  if (!mayCheckWithThreads(argv)) return false;
  setBudget(CHECK_INTERRUPT_BUDGET);
  markInterruptBudgetRaised();
  return true;
}

/** Records that the budget is raised, in a worker thread (the flag itself is the process's). */
export function markInterruptBudgetRaised(): void {
  (globalThis as { [STATE]?: BudgetState })[STATE] = { raisedAtLoad: true, raisedNow: true };
}

/** Puts back the default when `raiseInterruptBudget` raised it (the run needs one thread). */
export function restoreInterruptBudget(): boolean {
  const s = state();
  if (!s?.raisedNow) return false;
  setBudget(V8_DEFAULT.budget);
  s.raisedNow = false;
  return true;
}

/**
 * V8 accepts a code cache only under the flags it was made with, so the compile cache names the
 * budget the CLI was loaded with ('' for V8's own)...
 */
export function loadTimeFlags(): string {
  return state()?.raisedAtLoad ? `--interrupt-budget=${CHECK_INTERRUPT_BUDGET}` : '';
}

/** ...and makes its cache under those flags, even when the run has put the default back since. */
export function withLoadTimeFlags<T>(make: () => T): T {
  const s = state();
  if (!s?.raisedAtLoad || s.raisedNow) return make();
  setBudget(CHECK_INTERRUPT_BUDGET);
  try {
    return make();
  } finally {
    setBudget(V8_DEFAULT.budget);
  }
}
