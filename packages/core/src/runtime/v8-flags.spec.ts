import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { currentFlags, markInterruptBudgetRaised, raiseInterruptBudget, raisedInterruptBudget, restoreInterruptBudget } from './v8-flags';

const NODE20_V8 = '11.3.244.8-node.33';

// Raising sets the flag in this process: only where the default put back is the right one.
const onNode20 = /^11\.3\./.test(process.versions.v8) ? it : it.skip;

describe('the interrupt budget', () => {
  afterEach(() => {
    restoreInterruptBudget();
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('deploy-plan.interrupt-budget')];
  });

  onNode20('is raised on the V8 it was measured on, named for the compile cache, and put back once', () => {
    expect(currentFlags()).toBe('');
    expect(restoreInterruptBudget()).toBe(false);
    expect(raiseInterruptBudget(200_000, [], NODE20_V8)).toBe(true);
    expect(raisedInterruptBudget()).toBe(200_000);
    expect(currentFlags()).toBe('--interrupt-budget=200000');
    expect(restoreInterruptBudget()).toBe(true);
    expect(restoreInterruptBudget()).toBe(false);
    // What is loaded from now on is compiled under V8's default.
    expect(currentFlags()).toBe('');
    // The budget a threaded run's workers are told about is still the one raised at start.
    expect(raisedInterruptBudget()).toBe(200_000);
  });

  it('leaves other V8 versions and a budget given to node alone', () => {
    expect(raiseInterruptBudget(200_000, [], '12.4.254.21-node.33')).toBe(false);
    expect(raiseInterruptBudget(200_000, ['--interrupt-budget=1000'], NODE20_V8)).toBe(false);
    expect(raiseInterruptBudget(200_000, ['--max-old-space-size=512', '--interrupt_budget', '1000'], NODE20_V8)).toBe(false);
    expect(raisedInterruptBudget()).toBeUndefined();
  });

  it('is recorded, not set again, in a worker thread', () => {
    markInterruptBudgetRaised(150_000);
    expect(currentFlags()).toBe('--interrupt-budget=150000');
  });

  onNode20('takes effect: functions that run long enough to be optimized at the default are not yet', () => {
    // A fresh node calls 20 small functions 400 times each, with and without the raise, compiling
    // synchronously so the count does not depend on timing, and counts the optimized ones.
    const script = `
      const { raiseInterruptBudget } = require(${JSON.stringify(path.resolve(__dirname, '../../dist/runtime/v8-flags.js'))});
      if (process.argv[1] === 'raise') raiseInterruptBudget(200000, [], ${JSON.stringify(NODE20_V8)});
      const fns = Array.from({ length: 20 }, (_, k) => new Function('x', 'let s = 0; for (let i = 0; i < 8; i++) s += (x * i + ' + k + ') % 7; return s;'));
      for (let n = 0; n < 400; n++) for (const f of fns) f(n);
      const optimized = new Function('f', 'return (%GetOptimizationStatus(f) & 16) !== 0');
      process.stdout.write(String(fns.filter((f) => optimized(f)).length));
    `;
    const optimized = (mode: string) =>
      spawnSync(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation', '--no-use-osr', '-e', script, mode], { encoding: 'utf8' }).stdout;
    expect(optimized('default')).toBe('20');
    expect(optimized('raise')).toBe('0');
  });
});
