import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '../../..');
const PLANS = 40;
const PADDING = 1024 * 1024;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-memory-'));
  const plan = fs.readFileSync(path.join(repo, 'examples/orders-api/deploy-plan.yaml'), 'utf8');
  const padding = `# ${'x'.repeat(100)}\n`.repeat(PADDING / 103);
  for (let i = 0; i < PLANS; i++) {
    const project = path.join(dir, 'apps', `orders-service-${i}`);
    fs.mkdirSync(project, { recursive: true });
    // Its own name and scripts: the caches shared across plans (commands, globs) see each.
    const text = plan
      .replace('project: orders-api', `project: orders-service-number-${i}`)
      .replace(/npm run ([\w:-]+)/g, `npm run $1-${i}`)
      .replace('metric: order_success_rate', `metric: orders_unknown_metric_${i}`)
      .replaceAll('src/**', `src/orders-service-module-${i}/**`);
    fs.writeFileSync(path.join(project, 'deploy-plan.yaml'), `${padding}${text}`);
    const scripts = Object.fromEntries(
      ['test:smoke', 'deploy:staging', 'deploy:production'].map((name) => [`${name}-${i}`, 'true']),
    );
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: `s${i}`, scripts }));
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('memory', () => {
  it('a run keeps no plan text alive: results and caches hold copies, not slices of the texts', () => {
    // A value parsed from a plan is a slice of its text, and V8 keeps the whole text alive while
    // a slice lives. The run over 40 plans of 1 MiB keeps its results and findings.
    const script = `
      const { runCheck } = require('@deploy-plan/core');
      const { builtinPolicies } = require('@deploy-plan/policies');
      const { createFactProvider } = require('@deploy-plan/inspect');
      const heap = () => (gc(), process.memoryUsage().heapUsed);
      const before = heap();
      const result = runCheck({
        root: process.argv[1],
        policies: builtinPolicies,
        facts: createFactProvider({ cacheDir: false }),
      });
      const kept = heap() - before;
      const found = result.diagnostics.length;
      process.stdout.write(JSON.stringify({ plans: result.plans.length, found, kept }));
    `;
    const run = spawnSync(process.execPath, ['--expose-gc', '-e', script, dir], {
      cwd: path.join(repo, 'packages/cli'),
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    const { plans, found, kept } = JSON.parse(run.stdout) as { plans: number; found: number; kept: number };
    expect({ plans, found: found > 0 }).toEqual({ plans: PLANS, found: true });
    // Keeping one text per plan would be 40 MiB; the results and the modules loaded on the way
    // take about 3 MiB.
    expect(kept).toBeLessThan((PLANS * PADDING) / 4);
  });
});
