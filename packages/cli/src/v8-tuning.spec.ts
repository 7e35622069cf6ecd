import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { mayCheckWithThreads, raiseInterruptBudget, restoreInterruptBudget } from './v8-tuning';

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

describe('raiseInterruptBudget / restoreInterruptBudget', () => {
  afterEach(() => restoreInterruptBudget());

  it('raises the budget for a threaded check on the V8 it was measured on, and puts it back once', () => {
    expect(restoreInterruptBudget()).toBe(false);
    expect(raiseInterruptBudget(['check'], [], NODE20_V8)).toBe(true);
    expect(restoreInterruptBudget()).toBe(true);
    expect(restoreInterruptBudget()).toBe(false);
  });

  it('leaves other V8 versions, a budget given to node, and other commands alone', () => {
    expect(raiseInterruptBudget(['check'], [], '12.4.254.21-node.33')).toBe(false);
    expect(raiseInterruptBudget(['check'], ['--interrupt-budget=1000'], NODE20_V8)).toBe(false);
    expect(raiseInterruptBudget(['check', '--concurrency', 'off'], [], NODE20_V8)).toBe(false);
    expect(restoreInterruptBudget()).toBe(false);
  });

  it('takes effect: functions that run long enough to be optimized at the default are not yet', () => {
    // A fresh node calls 20 small functions 400 times each, with and without the raise, compiling
    // synchronously so the count does not depend on timing, and counts the optimized ones.
    const script = `
      const { raiseInterruptBudget } = require(${JSON.stringify(path.join(__dirname, '../dist/v8-tuning.js'))});
      if (process.argv[1] === 'raise') raiseInterruptBudget(['check'], [], ${JSON.stringify(NODE20_V8)});
      const fns = Array.from({ length: 20 }, (_, k) => new Function('x', 'let s = 0; for (let i = 0; i < 8; i++) s += (x * i + ' + k + ') % 7; return s;'));
      for (let n = 0; n < 400; n++) for (const f of fns) f(n);
      const optimized = new Function('f', 'return (%GetOptimizationStatus(f) & 16) !== 0');
      process.stdout.write(String(fns.filter((f) => optimized(f)).length));
    `;
    const optimized = (mode: string) =>
      spawnSync(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation', '--no-use-osr', '-e', script, mode], { encoding: 'utf8' }).stdout;
    if (!/^11\.3\./.test(process.versions.v8)) return; // the budgets are Node 20's
    expect(optimized('default')).toBe('20');
    expect(optimized('raise')).toBe('0');
  });
});
