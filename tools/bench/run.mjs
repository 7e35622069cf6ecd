#!/usr/bin/env node
// Benchmarks. Usage: node tools/bench/run.mjs [schema] [pack] [...] [--plans N] [--runs N] [--no-compile-cache]
//   schema: `deploy-plan check --schema-only` on N generated projects vs the parse-only floor.
//   pack:   `deploy-plan check` with every policy, same projects, same floor.
//   inspect, inspect-workspace: code inspection on generated TypeScript projects vs parsing and
//           walking them with the compiler; and a first run against a second on unchanged code.
//   project: `deploy-plan check examples/orders-api` (what `nx affected -t deploy-plan` runs per
//           project) against starting Node and exiting (`node -e 0`).
//   --no-compile-cache: run without Node's module compile cache (Node 22+), as on the first run
//           after an install.
// Figures are whole-process wall times; quote medians and the paired ratio, not single runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateProject } from './generate-code.mjs';
import { generatePlans } from './generate-plans.mjs';
import { compare, printComparison } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const VALUED = ['--plans', '--runs'];
const suites = args.filter((a, i) => !a.startsWith('--') && !VALUED.includes(args[i - 1]));
// On Node 22+ the launcher enables Node's compile cache, which the warm-up run fills.
const cliEnv = args.includes('--no-compile-cache') ? { NODE_DISABLE_COMPILE_CACHE: '1' } : {};
const runs = option('runs', 7);
const cli = path.join(root, 'packages/cli/bin/deploy-plan.js');

if (!fs.existsSync(path.join(root, 'packages/cli/dist/cli.js'))) {
  console.error('Build first: npm run build');
  process.exit(2);
}

/** `deploy-plan check` on N generated projects against the parse-only floor, in one run. */
function checkSuite(title, extraArgs, target, config) {
  const plans = option('plans', 1000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-bench-'));
  try {
    generatePlans(plans, dir);
    if (config) fs.writeFileSync(path.join(dir, 'deploy-plan.config.yaml'), config);
    const result = compare(
      {
        name: `check ${extraArgs.join(' ')} (${plans} plans)`.replace('  ', ' '),
        argv: [process.execPath, cli, 'check', ...extraArgs, dir],
        env: cliEnv,
        expectStatus: 0,
      },
      {
        name: 'floor: read + js-yaml load',
        argv: [process.execPath, path.join(root, 'tools/bench/floor.mjs'), dir],
        expectStatus: 0,
      },
      { runs },
    );
    printComparison(title, result, target);
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Code inspection on generated TypeScript projects against TypeScript's parse-and-walk floor. */
function inspectSuite(title, projects, files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-bench-code-'));
  try {
    const dirs = [];
    let total = 0;
    for (let p = 0; p < projects; p++) {
      const d = projects > 1 ? path.join(dir, 'apps', `app-${p}`) : path.join(dir, 'app');
      total += generateProject(d, files);
      dirs.push(d);
    }
    const inspect = path.join(root, 'tools/bench/inspect-run.mjs');
    // Code facts not cached.
    const cold = compare(
      {
        name: `inspect, no facts cache (${total} files)`,
        argv: [process.execPath, inspect, dir, ...dirs],
        env: cliEnv,
        expectStatus: 0,
      },
      {
        name: 'floor: ts.createSourceFile + walk',
        argv: [process.execPath, path.join(root, 'tools/bench/ts-floor.mjs'), ...dirs],
        expectStatus: 0,
      },
      { runs },
    );
    printComparison(title, cold, 1.5);
    // The first run on this code (no facts cached) against a second run on unchanged code.
    const cacheDir = path.join(dir, '.cache');
    const warm = compare(
      {
        name: 'first run, nothing cached',
        argv: [process.execPath, inspect, dir, ...dirs],
        env: { NODE_DISABLE_COMPILE_CACHE: '1' },
        expectStatus: 0,
      },
      {
        name: 'second run, unchanged code',
        argv: [process.execPath, inspect, '--cache', cacheDir, dir, ...dirs],
        env: cliEnv,
        expectStatus: 0,
      },
      { runs },
    );
    printComparison(`${title}: first run vs second run`, warm);
    console.log(`  the second run is ${warm.ratio}x faster (target >= 5x)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The pre-commit hook on a 50-project workspace: `check --staged` for a commit touching one
 * project (its plan and a source file) and for one touching no project, each against
 * `nx affected -t deploy-plan --files=...` on the same change (Nx's cache skipped).
 */
function hookSuite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-bench-hook-'));
  const sh = (cmd, args) =>
    spawnSync(cmd, args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'b',
        GIT_AUTHOR_EMAIL: 'b@e',
        GIT_COMMITTER_NAME: 'b',
        GIT_COMMITTER_EMAIL: 'b@e',
      },
    });
  try {
    generatePlans(50, dir);
    for (let i = 0; i < 50; i++) generateProject(path.join(dir, 'apps', `svc-${String(i).padStart(5, '0')}`), 12);
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench', private: true }));
    fs.writeFileSync(
      path.join(dir, 'nx.json'),
      JSON.stringify({
        useDaemonProcess: false,
        cacheDirectory: '.nx/cache',
        plugins: [{ plugin: '@deploy-plan/nx', options: { command: `node ${cli}` } }],
      }),
    );
    fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n.nx\n');
    fs.writeFileSync(path.join(dir, 'README.md'), 'bench\n');
    sh('git', ['init', '-q', '-b', 'main']);
    sh('git', ['add', '-A']);
    sh('git', ['commit', '-qm', 'initial']);
    const project = 'apps/svc-00007';
    const env = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
    const nx = [
      process.execPath,
      path.join(root, 'node_modules/nx/dist/bin/nx.js'),
      'affected',
      '-t',
      'deploy-plan',
      '--skip-nx-cache',
    ];

    fs.appendFileSync(path.join(dir, project, 'deploy-plan.yaml'), '# staged edit\n');
    fs.appendFileSync(path.join(dir, project, 'src/main.ts'), '// staged edit\n');
    sh('git', ['add', '-A']);
    const one = compare(
      // The generated plan and code disagree in places, so both may exit 1: the time is what counts.
      {
        name: 'check --staged (1 project touched)',
        argv: [process.execPath, cli, 'check', '--staged'],
        cwd: dir,
        env: cliEnv,
      },
      {
        name: 'nx affected --files (same change)',
        argv: [...nx, `--files=${project}/deploy-plan.yaml,${project}/src/main.ts`],
        cwd: dir,
        env,
      },
      { runs },
    );
    printComparison('pre-commit, a commit touching one project', one, undefined);
    const cold = compare(
      {
        name: 'check --staged --no-cache',
        argv: [process.execPath, cli, 'check', '--staged', '--no-cache'],
        cwd: dir,
        env: cliEnv,
      },
      {
        name: 'nx affected --files (same change)',
        argv: [...nx, `--files=${project}/deploy-plan.yaml,${project}/src/main.ts`],
        cwd: dir,
        env,
      },
      { runs },
    );
    printComparison(
      'pre-commit, one project, code facts not cached (first commit after a code change)',
      cold,
      undefined,
    );
    console.log(
      `  target: check --staged median under 1000 ms: ${one.a.medianMs} ms with the facts cache, ` +
        `${cold.a.medianMs} ms without`,
    );

    sh('git', ['reset', '-q', '--hard']);
    fs.appendFileSync(path.join(dir, 'README.md'), 'edit\n');
    sh('git', ['add', '-A']);
    const none = compare(
      {
        name: 'check --staged (no project touched)',
        argv: [process.execPath, cli, 'check', '--staged'],
        cwd: dir,
        env: cliEnv,
        expectStatus: 0,
      },
      { name: 'nx affected --files=README.md', argv: [...nx, '--files=README.md'], cwd: dir, env, expectStatus: 0 },
      { runs },
    );
    printComparison('pre-commit, a commit touching no project', none, undefined);
    console.log(`  target: check --staged median under 300 ms: ${none.a.medianMs} ms`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A 5 MB minified-style file (45,000 small functions on long lines, one block) against parsing
 * and walking it: name lookups that scanned the whole block made this quadratic.
 */
function minifiedSuite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-bench-min-'));
  try {
    const app = path.join(dir, 'app');
    fs.mkdirSync(path.join(app, 'src'), { recursive: true });
    const parts = [];
    for (let i = 0, size = 0; size < 5_000_000; i++) {
      const part =
        `function f${i}(a,b){var c=a+b;if(c>1){return g${i % 50}(c,a)}return f${Math.max(0, i - 1)}(b,c)}` +
        `var v${i}=f${i}(1,2),w${i}=v${i}*2;${i % 200 === 199 ? '\n' : ''}`;
      parts.push(part);
      size += part.length;
    }
    fs.writeFileSync(path.join(app, 'src/bundle.min.ts'), parts.join(''));
    const result = compare(
      {
        name: 'inspect, 5 MB minified file',
        argv: [process.execPath, path.join(root, 'tools/bench/inspect-run.mjs'), dir, app],
        env: cliEnv,
        expectStatus: 0,
      },
      {
        name: 'floor: ts.createSourceFile + walk',
        argv: [process.execPath, path.join(root, 'tools/bench/ts-floor.mjs'), app],
        expectStatus: 0,
      },
      { runs: option('runs', 5) },
    );
    printComparison('code inspection of one 5 MB minified file', result, 3);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One project, as Nx runs the target per project, against the cost of starting Node at all. */
function projectSuite() {
  const result = compare(
    {
      name: 'check examples/orders-api',
      argv: [process.execPath, cli, 'check', 'examples/orders-api'],
      cwd: root,
      env: cliEnv,
      expectStatus: 0,
    },
    { name: 'node -e 0', argv: [process.execPath, '-e', '0'], expectStatus: 0 },
    { runs: option('runs', 21) },
  );
  printComparison('one-project check vs starting Node', result, undefined);
}

// The policies that read code facts.
const CODE_POLICIES = [
  'health-route-exists',
  'readiness-checks-dependencies',
  'flags-guard-code',
  'undeclared-flags',
  'env-matches',
  'metrics-emitted',
];
const all = {
  // Targets: --staged under 1.0 s for one project, under 0.3 s for none (50 projects).
  hook: hookSuite,
  project: projectSuite,
  // Target: within 3x of parsing and walking the file.
  minified: minifiedSuite,
  // Target: fact gathering within 1.5x of TypeScript's parse + walk; re-run >= 5x faster.
  inspect: () => inspectSuite('code inspection, one 300-file project', 1, 300),
  'inspect-workspace': () => inspectSuite('code inspection, 10-project workspace', 10, 30),
  // Target: the schema stage within 1.3x of the floor.
  schema: () => checkSuite('schema stage vs parse-only floor', ['--schema-only'], 1.3),
  // Target: the checklist pack (plan and project-file policies) within 2x of the floor.
  // The generated projects hold no code, so the code policies are off here; `inspect` measures them.
  pack: () =>
    checkSuite(
      'checklist policy pack vs parse-only floor',
      ['--fail-on', 'minor'],
      2,
      ['policies:', ...CODE_POLICIES.map((p) => `  code/${p}: off`), ''].join('\n'),
    ),
};
for (const name of suites.length ? suites : Object.keys(all)) {
  if (!all[name]) {
    console.error(`Unknown suite ${name}; choose from ${Object.keys(all).join(', ')}`);
    process.exit(2);
  }
  all[name]();
}
