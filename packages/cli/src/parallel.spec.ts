import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PlanResult } from '@deploy-plan/core';
import { takeTurns, threadsFor, unreturned } from './parallel';

const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/deploy-plan.js');
const good = fs.readFileSync(path.join(repo, 'examples/orders-api/deploy-plan.yaml'), 'utf8');

describe('takeTurns', () => {
  it('gives every plan to exactly one of the threads sharing a counter, in batches', () => {
    const files = Array.from({ length: 45 }, (_, i) => `/ws/apps/p${String(i).padStart(2, '0')}/deploy-plan.yaml`);
    const next = new SharedArrayBuffer(4);
    const a: string[] = [];
    const b: string[] = [];
    const ta = takeTurns(files, next);
    const tb = takeTurns(files, next);
    // Interleave the two takers as threads would.
    for (let done = false; !done; ) {
      const x = ta.next();
      const y = tb.next();
      if (!x.done) a.push(x.value);
      if (!y.done) b.push(y.value);
      done = Boolean(x.done && y.done);
    }
    expect([...a, ...b].sort()).toEqual(files);
    expect(new Set([...a, ...b]).size).toBe(45);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    // Batches of consecutive plans, so each thread reads neighbouring folders.
    expect(a.slice(0, 8)).toEqual(files.slice(0, 8));
  });

  it('gives nothing once the list is used up', () => {
    const next = new SharedArrayBuffer(4);
    expect([...takeTurns(['/a', '/b'], next)]).toEqual(['/a', '/b']);
    expect([...takeTurns(['/a', '/b'], next)]).toEqual([]);
  });
});

describe('threadsFor', () => {
  it('uses one thread for small runs and off, and the asked number up to the plan count', () => {
    expect(threadsFor(10, 'auto')).toBe(1);
    expect(threadsFor(5000, 'off')).toBe(1);
    expect(threadsFor(3, 8)).toBe(3);
    expect(threadsFor(1000, 'auto', true)).toBe(1);
    expect(threadsFor(1000, 'auto')).toBe(Math.min(4, os.availableParallelism()));
  });
});

describe('unreturned', () => {
  it('lists the plans no thread returned, so a failed worker loses nothing', () => {
    const root = path.resolve('/ws');
    const files = ['a', 'b', 'c', 'd'].map((p) => path.join(root, 'apps', p, 'deploy-plan.yaml'));
    const returned = [{ file: 'apps/a/deploy-plan.yaml' }, { file: 'apps/c/deploy-plan.yaml' }] as PlanResult[];
    expect(unreturned(files, root, returned)).toEqual([files[1], files[3]]);
    expect(unreturned(files, root, [])).toEqual(files);
  });
});

describe('check with threads (the built CLI, real workers)', () => {
  let ws: string;
  beforeAll(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-threads-'));
    fs.writeFileSync(path.join(ws, 'nx.json'), '{}');
    for (let i = 0; i < 40; i++) {
      const dir = path.join(ws, 'apps', `svc-${String(i).padStart(2, '0')}`);
      fs.mkdirSync(dir, { recursive: true });
      let plan = good.replace('project: orders-api', `project: svc-${i}`);
      // Every fifth plan breaks the schema, every seventh a policy, one is not YAML.
      if (i % 5 === 0) plan = plan.replace('maxDuration: 2m', 'maxDuraton: 2m');
      if (i % 7 === 0) plan = plan.replace('owner: team-orders\n', '');
      if (i === 13) plan = 'project: [unclosed\n';
      fs.writeFileSync(path.join(dir, 'deploy-plan.yaml'), plan);
    }
  });
  afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));

  const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'check', '--format', 'json', '--now', '2026-11-27', ...args], { cwd: ws, encoding: 'utf8' });

  it('has a worker that checks its share, from the bundle (with its code cache) or from the modules', async () => {
    const { Worker } = await import('node:worker_threads');
    const files = fs.readdirSync(path.join(ws, 'apps')).map((d) => path.join(ws, 'apps', d, 'deploy-plan.yaml')).sort();
    const bundle = path.join(repo, 'packages/cli/dist/deploy-plan.cjs');
    for (const extra of [{}, { bundle, compileCache: path.join(ws, 'cache') }]) {
      const workerData = { root: ws, files: files.slice(0, 12), next: new SharedArrayBuffer(4), now: '2026-11-27T12:00:00Z', ...extra };
      const result = await new Promise<{ plans: { file: string }[] }>((resolve, reject) => {
        const worker = new Worker(path.join(repo, 'packages/cli/dist/worker.js'), { workerData });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(result.plans.map((p) => p.file)).toEqual(files.slice(0, 12).map((f) => path.relative(ws, f)));
    }
  });

  it('reports exactly what one thread reports, with or without policies', () => {
    for (const extra of [[], ['--schema-only']]) {
      const one = run('--concurrency', 'off', ...extra);
      const three = run('--concurrency', '3', ...extra);
      expect(three.stderr).toBe('');
      expect(three.status).toBe(one.status);
      expect(JSON.parse(three.stdout)).toEqual(JSON.parse(one.stdout));
      expect(JSON.parse(three.stdout).plans).toHaveLength(40);
    }
    expect(run('--concurrency', 'off').status).toBe(1);
  });
});
