import { raisedInterruptBudget, restoreInterruptBudget } from '@deploy-plan/core/dist/runtime/v8-flags';
import { CHECK_INTERRUPT_BUDGET, mayCheckWithThreads, tuneForCheck } from './v8-tuning';

const NODE20_V8 = '11.3.244.8-node.33';

describe('mayCheckWithThreads', () => {
  it('is true for a check that may use threads', () => {
    expect(mayCheckWithThreads(['check'])).toBe(true);
    expect(mayCheckWithThreads(['check', 'apps', '--fail-on', 'minor'])).toBe(true);
    expect(mayCheckWithThreads(['check', '--concurrency', '4'])).toBe(true);
    expect(mayCheckWithThreads(['check', '--concurrency=auto'])).toBe(true);
  });

  it('is false for one thread, the pre-commit hook, help and other commands', () => {
    expect(mayCheckWithThreads(['check', '--concurrency', 'off'])).toBe(false);
    expect(mayCheckWithThreads(['check', '--concurrency=1'])).toBe(false);
    expect(mayCheckWithThreads(['check', '--staged'])).toBe(false);
    expect(mayCheckWithThreads(['check', '--help'])).toBe(false);
    expect(mayCheckWithThreads(['explain', 'rollback/time-to-detect'])).toBe(false);
    expect(mayCheckWithThreads([])).toBe(false);
  });
});

// Raising sets the flag in this process: only where the default put back is the right one.
const onNode20 = /^11\.3\./.test(process.versions.v8) ? it : it.skip;

describe('tuneForCheck', () => {
  afterEach(() => {
    restoreInterruptBudget();
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('deploy-plan.interrupt-budget')];
  });

  onNode20('raises the interrupt budget for a check that may use threads, and for nothing else', () => {
    expect(tuneForCheck(['check', '--concurrency', 'off'], [], NODE20_V8)).toBe(false);
    expect(tuneForCheck(['explain', 'x'], [], NODE20_V8)).toBe(false);
    expect(raisedInterruptBudget()).toBeUndefined();
    expect(tuneForCheck(['check'], [], NODE20_V8)).toBe(true);
    expect(raisedInterruptBudget()).toBe(CHECK_INTERRUPT_BUDGET);
  });
});
