import * as vm from 'node:vm';
import { progress } from '@deploy-plan/core';
import { UsageError } from './io';

// One script, one context: the work runs inside `runInContext`, whose `timeout` is Node's own
// watchdog. It stops synchronous JavaScript wherever it is (a policy that loops, a pathological
// file), which no timer on the event loop could do while that loop is busy.
const script = new vm.Script('work()', { filename: 'deploy-plan-deadline' });

/** Runs `work`, or stops it after `ms` milliseconds with a UsageError saying where it was. */
export function withDeadline<T>(ms: number, label: string, work: () => T): T {
  try {
    return script.runInContext(vm.createContext({ work }), { timeout: ms }) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
    throw new UsageError(`the check did not finish within ${label} and was stopped ${where()}. ${ADVICE}`);
  }
}

const ADVICE = 'Raise --timeout if the workspace is simply large.';

function where(): string {
  const plan = progress.plan ?? 'a plan';
  if (progress.policy) return `while policy \`${progress.policy}\` was checking ${plan}`;
  if (progress.facts) return `while gathering ${progress.facts} facts for ${plan}`;
  return progress.plan ? `while reading ${plan}` : 'before any plan was checked';
}
