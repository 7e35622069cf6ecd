import { raiseInterruptBudget } from '@deploy-plan/core/dist/runtime/v8-flags';

/**
 * A check of many plans runs ~50 policies once per plan, so at Node 20's default interrupt budget
 * (67,584) each thread's isolate optimizes ~155 functions, and with as many threads as cores
 * those compiles compete with the checking threads. At 200,000 about half as many are optimized:
 * measured on 1,000 plans with two threads, 4–8% faster (paired runs). A one-project check runs
 * ts-morph, whose TypeScript compiler wants the default (10% slower at 200,000), so the launcher
 * raises the budget before the CLI loads, and the check puts the default back as soon as the run
 * turns out to need one thread, before the policy pack and ts-morph load (parallel.ts).
 */
export const CHECK_INTERRUPT_BUDGET = 200_000;

/** Whether `argv` (the CLI's arguments) is a `check` that may use threads. */
export function mayCheckWithThreads(argv: readonly string[]): boolean {
  if (argv[0] !== 'check' || argv.includes('--staged') || argv.includes('--help') || argv.includes('-h')) return false;
  const i = argv.findIndex((a) => a === '--concurrency' || a.startsWith('--concurrency='));
  const value = i < 0 ? 'auto' : argv[i].includes('=') ? argv[i].slice('--concurrency='.length) : argv[i + 1];
  return value !== 'off' && value !== '1';
}

/** Raises the interrupt budget for a `check` that may use threads (see above); returns whether it did. */
export function tuneForCheck(argv: readonly string[], execArgv: readonly string[] = process.execArgv, v8Version = process.versions.v8): boolean {
  return mayCheckWithThreads(argv) && raiseInterruptBudget(CHECK_INTERRUPT_BUDGET, execArgv, v8Version);
}
