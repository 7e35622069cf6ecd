// End to end with the real nx binary on a temporary workspace: the inferred target, affected
// runs, cache hits, failing plans and the `lint` integration.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { stripVTControlCharacters } from 'node:util';
import * as path from 'node:path';
import { answered, nestApp } from '../../../../tools/spec/scaffold-answers';

const repo = path.resolve(__dirname, '../../../..');
const nxBin = require.resolve('nx/package.json').replace(/package\.json$/, 'dist/bin/nx.js');
const cli = path.join(repo, 'packages/cli/bin/deploy-plan.js');
let ws: string;

const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  NX_SKIP_NX_CACHE: undefined,
  CI: 'true',
  FORCE_COLOR: '0',
  NX_VERBOSE_LOGGING: 'false',
};

function nx(...args: string[]): { code: number; out: string } {
  const run = spawnSync(process.execPath, [nxBin, ...args], { cwd: ws, env, encoding: 'utf8', timeout: 120_000 });
  // Nx colours task output; compare text.
  return { code: run.status ?? -1, out: stripVTControlCharacters(`${run.stdout}\n${run.stderr}`) };
}
const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: ws,
    env: { ...env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' },
    encoding: 'utf8',
  });
const commit = (message: string) => {
  git('add', '-A');
  git('commit', '-qm', message);
};
/** Projects whose deploy-plan task ran (from cache or not) in an nx run's output. */
const ran = (out: string, target = 'deploy-plan') =>
  [...out.matchAll(new RegExp(`nx run ([\\w@/-]+):${target}`, 'g'))].map((m) => m[1]).sort();

beforeAll(() => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-nx-e2e-'));
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(ws, 'node_modules'));
  fs.writeFileSync(path.join(ws, 'package.json'), JSON.stringify({ name: 'e2e-workspace', private: true }));
  fs.writeFileSync(
    path.join(ws, 'nx.json'),
    JSON.stringify({
      cacheDirectory: '.nx/cache',
      useDaemonProcess: false,
      namedInputs: { default: ['{projectRoot}/**/*'], production: ['default'] },
      // What a workspace with @nx/js has: project dependencies from the sources' imports.
      pluginsConfig: { '@nx/js': { analyzeSourceFiles: true } },
      plugins: [
        {
          plugin: '@deploy-plan/nx',
          options: {
            command: `node ${cli}`,
            report: { format: 'sarif', file: 'reports/deploy-plan/{projectName}.sarif' },
          },
        },
      ],
    }),
  );
  fs.writeFileSync(path.join(ws, '.gitignore'), 'node_modules\n.nx\nreports\n');
  fs.writeFileSync(path.join(ws, 'deploy-plan.config.yaml'), 'failOn: critical\n');
  fs.mkdirSync(path.join(ws, 'schemas'));
  fs.writeFileSync(path.join(ws, 'schemas/README.md'), 'schemas\n');
  fs.mkdirSync(path.join(ws, 'policies'));
  fs.writeFileSync(path.join(ws, 'policies/README.md'), 'policies\n');
  for (const name of ['orders-api', 'invoice-worker', 'billing-db']) {
    fs.cpSync(path.join(repo, 'examples', name), path.join(ws, 'apps', name), { recursive: true });
    const pkg = JSON.parse(fs.readFileSync(path.join(ws, 'apps', name, 'package.json'), 'utf8'));
    // Some projects have a lint target and one has none, as in real workspaces.
    if (name !== 'billing-db') pkg.scripts.lint = 'node -e "0"';
    fs.writeFileSync(path.join(ws, 'apps', name, 'package.json'), JSON.stringify(pkg, null, 2));
  }
  git('init', '-q', '-b', 'main');
  // Teams that run only `nx affected -t lint` get the check through lint's dependsOn, which init adds.
  const init = nx('g', '@deploy-plan/nx:init', '--skipHook', '--skipConfig');
  expect(init.out).toMatch(/Added `deploy-plan` to nx.json's targetDefaults.lint.dependsOn/);
  expect(init.code).toBe(0);
  commit('initial');
}, 60_000);

afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));

describe('the Nx plugin with real nx', () => {
  it('infers a cacheable deploy-plan target with inputs and metadata', () => {
    const { code, out } = nx('show', 'project', 'orders-api', '--json');
    expect(code).toBe(0);
    const target = JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)).targets['deploy-plan'];
    expect(target).toMatchObject({
      cache: true,
      executor: 'nx:run-commands',
      metadata: { technologies: ['deploy-plan'] },
    });
    expect(target.options.command).toBe(
      `node ${cli} check apps/orders-api --format stylish ` +
        '--format sarif=reports/deploy-plan/orders-api.sarif --sarif-category deploy-plan/orders-api/',
    );
    expect(target.inputs).toEqual(
      expect.arrayContaining(['production', '^production', '{workspaceRoot}/deploy-plan.config.yaml']),
    );
    // Only what the check reads: a user's own schemas/ or policies/ folder is not an input.
    expect(JSON.stringify(target.inputs)).not.toMatch(/schemas|policies/);
  });

  it('checks every project, then answers from the cache', () => {
    const first = nx('run-many', '-t', 'deploy-plan');
    expect(first.code).toBe(0);
    expect(ran(first.out)).toEqual(['billing-db', 'invoice-worker', 'orders-api']);
    const second = nx('run-many', '-t', 'deploy-plan');
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/Nx read the output from the cache instead of running the command for 3 out of 3 tasks/);
  });

  it('writes a SARIF report per project, each its own code scanning category, and restores it from the cache', () => {
    const reports = path.join(ws, 'reports/deploy-plan');
    const read = () =>
      fs
        .readdirSync(reports)
        .sort()
        .map((f) => [f, JSON.parse(fs.readFileSync(path.join(reports, f), 'utf8')).runs[0].automationDetails.id]);
    const expected = [
      ['billing-db.sarif', 'deploy-plan/billing-db/'],
      ['invoice-worker.sarif', 'deploy-plan/invoice-worker/'],
      ['orders-api.sarif', 'deploy-plan/orders-api/'],
    ];
    expect(read()).toEqual(expected);
    fs.rmSync(reports, { recursive: true });
    const again = nx('run-many', '-t', 'deploy-plan');
    expect(again.out).toMatch(/from the cache instead of running the command for 3 out of 3 tasks/);
    expect(read()).toEqual(expected);
  });

  it('runs only the project a change touches', () => {
    fs.appendFileSync(path.join(ws, 'apps/orders-api/src/app.ts'), '\n// touched\n');
    commit('touch orders-api');
    const { code, out } = nx('affected', '-t', 'deploy-plan', '--base=HEAD~1', '--head=HEAD');
    expect(code).toBe(0);
    expect(ran(out)).toEqual(['orders-api']);
  });

  it('re-runs every project when the config changes', () => {
    fs.appendFileSync(path.join(ws, 'deploy-plan.config.yaml'), '# changed\n');
    commit('change the config');
    const { code, out } = nx('affected', '-t', 'deploy-plan', '--base=HEAD~1', '--head=HEAD');
    expect(code).toBe(0);
    expect(ran(out)).toEqual(['billing-db', 'invoice-worker', 'orders-api']);
    expect(out).not.toMatch(/read the output from the cache/);
  });

  it("answers from the cache when a file the check does not read changes (the workspace's own schemas/)", () => {
    fs.writeFileSync(path.join(ws, 'schemas/openapi.json'), '{"openapi":"3.1.0"}\n');
    const { code, out } = nx('run-many', '-t', 'deploy-plan');
    expect(code).toBe(0);
    expect(out).toMatch(/from the cache instead of running the command for 3 out of 3 tasks/);
  });

  it("re-runs an app when a library it imports changes, and fails when the library breaks the app's readiness", () => {
    // The readiness route moves into libs/health, which orders-api imports through a path alias.
    const lib = path.join(ws, 'libs/health');
    fs.mkdirSync(path.join(lib, 'src'), { recursive: true });
    fs.writeFileSync(path.join(lib, 'project.json'), JSON.stringify({ name: 'health', sourceRoot: 'libs/health/src' }));
    const ready = "  await db.query('SELECT 1');\n  res.json({ status: 'ok' });\n";
    const health = (body: string) =>
      [
        "import { Router } from 'express';",
        "import { Pool } from 'pg';",
        'const db = new Pool({ connectionString: process.env.DATABASE_URL });',
        'export const healthRouter = Router();',
        "healthRouter.get('/live', (_req, res) => { res.json({ status: 'ok' }); });",
        "healthRouter.get('/ready', async (_req, res) => {",
        `${body}});`,
        '',
      ].join('\n');
    fs.writeFileSync(path.join(lib, 'src/index.ts'), health(ready));
    const paths = { '@e2e/health': ['libs/health/src/index.ts'] };
    fs.writeFileSync(path.join(ws, 'tsconfig.base.json'), JSON.stringify({ compilerOptions: { paths } }));
    const app = path.join(ws, 'apps/orders-api/src/app.ts');
    fs.writeFileSync(app, fs.readFileSync(app, 'utf8').replace("from './routes/health'", "from '@e2e/health'"));
    fs.rmSync(path.join(ws, 'apps/orders-api/src/routes/health.ts'));
    commit('move the health routes into libs/health');
    const moved = nx('affected', '-t', 'deploy-plan', '--base=HEAD~1', '--head=HEAD');
    expect(moved.code).toBe(0);
    expect(ran(moved.out)).toContain('orders-api');

    // Only the library changes: its readiness route stops checking the database.
    fs.writeFileSync(path.join(lib, 'src/index.ts'), health("  res.json({ status: 'ok' });\n"));
    commit('libs/health: readiness no longer checks the database');
    const broken = nx('affected', '-t', 'deploy-plan', '--base=HEAD~1', '--head=HEAD');
    expect(ran(broken.out)).toEqual(['orders-api']);
    expect(broken.out).not.toMatch(/read the output from the cache/);
    expect(broken.code).not.toBe(0);
    expect(broken.out).toMatch(
      /libs\/health\/src\/index\.ts\n\s+\d+:\d+\s+critical .*code\/readiness-checks-dependencies/,
    );
    // Put it back for the tests that follow.
    fs.writeFileSync(path.join(lib, 'src/index.ts'), health(ready));
    commit('libs/health: readiness checks the database again');
  });

  it("lists a project's targets as `nx show project` does, inferred ones included", () => {
    for (const [name, dir] of [
      ['orders-api', 'apps/orders-api'],
      ['health', 'libs/health'],
    ]) {
      const shown = nx('show', 'project', name, '--json');
      const fromNx = Object.keys((JSON.parse(shown.out.slice(shown.out.indexOf('{'))) as { targets: object }).targets);
      const inspected = spawnSync(process.execPath, [cli, 'inspect', dir, '--format', 'json'], {
        cwd: ws,
        encoding: 'utf8',
      });
      const targets = (JSON.parse(inspected.stdout) as { targets: { targets: string[]; complete: boolean } }).targets;
      expect(targets).toEqual({ targets: fromNx.sort(), complete: true });
      if (name === 'orders-api') expect(targets.targets).toContain('deploy-plan');
    }
  });

  it('writes a scaffolded plan as the workspace formats it (Prettier), with what is next', () => {
    const plan = path.join(ws, 'apps/invoice-worker/deploy-plan.yaml');
    const kept = fs.readFileSync(plan, 'utf8');
    fs.rmSync(plan);
    // A workspace that formats with Prettier says so with a config, as create-nx-workspace writes it.
    fs.writeFileSync(path.join(ws, '.prettierrc'), '{ "singleQuote": true }\n');
    const { code, out } = nx('g', '@deploy-plan/nx:plan', 'invoice-worker');
    const written = fs.readFileSync(plan, 'utf8');
    fs.writeFileSync(plan, kept);
    expect(code).toBe(0);
    expect(out).toMatch(
      /questions left \(each a TODO\(deploy-plan\)\): answer them, then run `deploy-plan check apps\/invoice-worker`/,
    );
    const prettier = require.resolve('prettier/bin/prettier.cjs');
    const check = spawnSync(process.execPath, [prettier, '--stdin-filepath', 'deploy-plan.yaml', '--check'], {
      cwd: ws,
      encoding: 'utf8',
      input: written,
    });
    fs.rmSync(path.join(ws, '.prettierrc'));
    expect(check.status).toBe(0);
    expect(written).toContain("'TODO(deploy-plan)");
  });

  it('describes each generator in `nx g … --help`', () => {
    for (const [generator, words] of [
      ['plan', 'Scaffold a deploy-plan.yaml for a project'],
      ['init', 'Register the deploy-plan plugin in nx.json'],
    ]) {
      const { code, out } = nx('g', `@deploy-plan/nx:${generator}`, '--help');
      expect(code).toBe(0);
      expect(out).toContain(words);
      expect(out).not.toMatch(/\bundefined\b/);
    }
  });

  it('fails the task on a failing plan, with the diagnostics in its output', () => {
    const plan = path.join(ws, 'apps/billing-db/deploy-plan.yaml');
    fs.writeFileSync(
      plan,
      fs.readFileSync(plan, 'utf8').replace('      maxDuration: 10m\n', '      maxDuration: 45m\n'),
    );
    commit('break billing-db');
    const { code, out } = nx('affected', '-t', 'deploy-plan', '--base=HEAD~1', '--head=HEAD');
    expect(code).not.toBe(0);
    const finding =
      /\s+\d+:\d+\s+critical\s+Rollback level 3 takes up to 45m, over its 15m budget\.\s+rollback\/level-time-budget/;
    expect(out).toMatch(new RegExp(/apps\/billing-db\/deploy-plan\.yaml\n/.source + finding.source));
    expect(out).toMatch(/Running target deploy-plan for project billing-db failed/);
  });

  it('runs the check as part of `nx affected -t lint`, without replacing lint', () => {
    fs.appendFileSync(path.join(ws, 'apps/invoice-worker/src/main.ts'), '\n// touched\n');
    commit('touch invoice-worker');
    const { code, out } = nx('affected', '-t', 'lint', '--base=HEAD~1', '--head=HEAD');
    expect(code).toBe(0);
    expect(ran(out, 'lint')).toEqual(['invoice-worker']);
    expect(ran(out, 'deploy-plan')).toEqual(['invoice-worker']);

    // A broken plan fails lint; fixed, lint passes again.
    const plan = path.join(ws, 'apps/invoice-worker/deploy-plan.yaml');
    const good = fs.readFileSync(plan, 'utf8');
    fs.writeFileSync(plan, good.replace('owner: ', 'ownr: '));
    commit('break invoice-worker');
    const broken = nx('affected', '-t', 'lint', '--base=HEAD~1', '--head=HEAD');
    expect(broken.code).not.toBe(0);
    expect(broken.out).toMatch(/Unknown key `ownr`/);
    fs.writeFileSync(plan, good);
    commit('fix invoice-worker');
    expect(nx('affected', '-t', 'lint', '--base=HEAD~1', '--head=HEAD').code).toBe(0);
  });
  it('scaffolds an Express and a NestJS app whose answered questions make a gold plan', () => {
    nestApp(path.join(repo, 'packages/inspect/src/__fixtures__'), path.join(ws, 'apps/orders-nest'));
    fs.writeFileSync(path.join(ws, 'apps/orders-nest/project.json'), JSON.stringify({ name: 'orders-nest' }));
    fs.rmSync(path.join(ws, 'apps/orders-api/deploy-plan.yaml'));
    for (const project of ['orders-api', 'orders-nest']) {
      const generated = nx('g', '@deploy-plan/nx:plan', project);
      expect(generated.code).toBe(0);
      const plan = path.join(ws, 'apps', project, 'deploy-plan.yaml');
      fs.writeFileSync(plan, answered(fs.readFileSync(plan, 'utf8')));
      const { code, out } = nx('run', `${project}:deploy-plan`, '--skip-nx-cache');
      expect(out).toMatch(/✔ 1 plan checked, no problems\.\n\s+\S+\s+gold/);
      expect(code).toBe(0);
    }
  }, 120_000);
});
