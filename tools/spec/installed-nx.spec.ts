// The README's "Install in your workspace", done as a user does it, on the oldest and the newest
// Nx the plugin's peer range claims: a workspace with nx at that version, then `npm i -D` of
// every package as `npm pack`ed (nothing from this repository on the resolution path), set up
// with `nx g @deploy-plan/nx:init` or `nx add @deploy-plan/nx`, then `nx g @deploy-plan/nx:plan
// --all`, `nx affected` and `nx run-many -t deploy-plan`, and commits through the hook init
// installed. `npm i` alone on one more Nx. Then the same tarballs under pnpm's isolated
// node_modules, where an undeclared dependency cannot be found.
//
// Each workspace installs nx and the checker's dependencies from the npm registry (through the
// npm cache, so mostly offline after the first run): about a minute per Nx version. It runs when
// DEPLOY_PLAN_E2E_INSTALLED=1, which .ci/run sets; needs `npm run build` first (npm test does).
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { PACKAGES, root } from './packages';

const PROJECTS = ['orders-api', 'invoice-worker', 'billing-db'];
const enabled = process.env.DEPLOY_PLAN_E2E_INSTALLED === '1';
const describeInstalled = enabled ? describe : describe.skip;

interface Variant {
  /** nx in the user's workspace. */
  nx: string;
  /**
   * Plugins the workspace has at nx's version, as `create-nx-workspace` leaves them (`@nx/js`
   * brings `@nx/devkit`). The plugin peers on `nx` alone, so npm never picks a newer devkit.
   */
  nxPlugins: string[];
  /** Set up with `nx add @deploy-plan/nx` (install, then its init generator) instead of `nx g …:init`. */
  nxAdd: boolean;
  /** Node major to run with (tools/runtimes/node.sh), when not this process's Node. */
  node?: string;
}

/** The ends of the `nx` peer range `>=22 <25` that the registry has. */
const VARIANTS: Variant[] = [
  // Nx 22 supports Node ^20.19, ^22.12 and 24; CI runs this on its own Node (20).
  { nx: '22.7.11', nxPlugins: ['@nx/js'], nxAdd: false },
  // Nx 24 on the current Node LTS, as its users run it (the registry has no @nx/js 24.0.7).
  { nx: '24.0.7', nxPlugins: [], nxAdd: true, node: '24' },
];

let tmp: string;
/** `name` -> absolute path of its packed tarball. */
const tarballs = new Map<string, string>();

beforeAll(() => {
  if (!enabled) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-installed-nx-'));
  fs.mkdirSync(path.join(tmp, 'tarballs'));
  for (const pkg of PACKAGES) {
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', path.join(tmp, 'tarballs')], {
      cwd: path.join(root, pkg),
      encoding: 'utf8',
    });
    const [{ name, filename }] = JSON.parse(out) as { name: string; filename: string }[];
    tarballs.set(name, path.join(tmp, 'tarballs', filename));
  }
}, 60_000);

afterAll(() => {
  // DEPLOY_PLAN_E2E_KEEP=1 leaves the workspaces for a look after a failure.
  if (tmp && process.env.DEPLOY_PLAN_E2E_KEEP !== '1') fs.rmSync(tmp, { recursive: true, force: true });
});

interface Run {
  code: number;
  out: string;
}

const result = (run: SpawnSyncReturns<string>): Run => ({
  code: run.status ?? -1,
  // Nx colours task output even without a TTY on some versions; compare text.
  out: stripVTControlCharacters(`${run.stdout}\n${run.stderr}${run.error ? `\n${run.error.message}` : ''}`),
});

/** A user's shell in a workspace: the Node to use first on PATH, no Nx daemon, cloud or TUI. */
class Workspace {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;

  constructor(
    name: string,
    readonly node: string,
  ) {
    this.dir = path.join(tmp, name);
    fs.mkdirSync(this.dir);
    const env: NodeJS.ProcessEnv = {};
    // Nothing of this run's own Nx or npm script context leaks into the user's workspace.
    for (const [key, value] of Object.entries(process.env))
      if (!/^(NX_|npm_package_|npm_lifecycle_)/.test(key)) env[key] = value;
    this.env = {
      ...env,
      PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_TUI: 'false',
      CI: 'true',
      FORCE_COLOR: '0',
      // Commits in the workspace see no user or system git config (hooksPath, signing, templates).
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'e2e',
      GIT_AUTHOR_EMAIL: 'e2e@example.com',
      GIT_COMMITTER_NAME: 'e2e',
      GIT_COMMITTER_EMAIL: 'e2e@example.com',
    };
  }

  run(command: string, args: string[], timeout = 180_000): Run {
    return result(spawnSync(command, args, { cwd: this.dir, env: this.env, encoding: 'utf8', timeout }));
  }

  /** Like `npx nx …`, with this workspace's Node. */
  nx(...args: string[]): Run {
    const nx = path.join(this.dir, 'node_modules/nx');
    const { bin } = JSON.parse(fs.readFileSync(path.join(nx, 'package.json'), 'utf8')) as { bin: { nx: string } };
    return this.run(this.node, [path.join(nx, bin.nx), ...args]);
  }

  npm(...args: string[]): Run {
    return this.run('npm', [...args, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], 300_000);
  }

  git(...args: string[]): Run {
    return this.run('git', args);
  }

  write(file: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
    fs.writeFileSync(path.join(this.dir, file), text);
  }

  read(file: string): string {
    return fs.readFileSync(path.join(this.dir, file), 'utf8');
  }

  /** The example projects under apps/, as a user's projects. */
  addProjects(names: string[]): void {
    for (const name of names) {
      fs.cpSync(path.join(root, 'examples', name), path.join(this.dir, 'apps', name), { recursive: true });
      const file = `apps/${name}/project.json`;
      this.write(file, this.read(file).replace(`examples/${name}`, `apps/${name}`));
    }
  }
}

/** Throws with the command's output when it failed: a setup step, not what a test asserts. */
function ok(what: string, run: Run): Run {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}):\n${run.out.slice(-4000)}`);
  return run;
}

/** The exit code, and the output when it is not 0: what a failing expectation should show. */
const exit = (run: Run) => (run.code === 0 ? 0 : `${run.code}\n${run.out}`);

/** Projects whose deploy-plan task ran (from the cache or not) in an nx run's output. */
const ran = (out: string, target = 'deploy-plan') =>
  [...out.matchAll(new RegExp(`nx run ([\\w@/-]+):${target}`, 'g'))].map((m) => m[1]).sort();

/** The path a tools/runtimes script prints (it installs the runtime into .cache/ the first time). */
const runtime = (script: string, major: string) =>
  execFileSync(path.join(root, 'tools/runtimes', script), [major], { encoding: 'utf8', stdio: 'pipe' }).trim();

const nodeFor = (variant: Variant) => (variant.node ? runtime('node.sh', variant.node) : process.execPath);

const titled = VARIANTS.map((v) => [`Nx ${v.nx}${v.node ? ` on Node ${v.node}` : ''}`, v] as const);
describeInstalled.each(titled)('%s, installed from packed tarballs with npm', (_title, variant) => {
  let ws: Workspace;
  const plan = (name: string) => `apps/${name}/deploy-plan.yaml`;
  const examplePlan = (name: string) => fs.readFileSync(path.join(root, 'examples', name, 'deploy-plan.yaml'), 'utf8');
  const commit = (message: string) => ws.git('commit', '-m', message);

  beforeAll(() => {
    ws = new Workspace(`nx-${variant.nx}`, nodeFor(variant));
    // The user's workspace as it is before deploy-plan: nx (and its plugins), projects, nx.json, git.
    const devDependencies = {
      nx: variant.nx,
      ...Object.fromEntries(variant.nxPlugins.map((name) => [name, variant.nx])),
    };
    ws.write('package.json', JSON.stringify({ name: 'acme', private: true, devDependencies }));
    ws.write(
      'nx.json',
      JSON.stringify({
        $schema: './node_modules/nx/schemas/nx-schema.json',
        defaultBase: 'main',
        namedInputs: {
          default: ['{projectRoot}/**/*'],
          production: ['default', '!{projectRoot}/**/*.spec.ts'],
        },
      }),
    );
    ws.write('.gitignore', 'node_modules\n.nx\n');
    ws.addProjects(PROJECTS);
    // One project without a plan, for the plan generator.
    fs.rmSync(path.join(ws.dir, plan('invoice-worker')));
    ok('npm install (the workspace before deploy-plan)', ws.npm('install'));
    ok('git init', ws.git('init', '-q', '-b', 'main'));
    ok('git add', ws.git('add', '-A'));
    ok('first commit', ws.git('commit', '-q', '-m', 'a workspace', '--no-verify'));
  }, 360_000);

  it('runs on the Node it was set up with', () => {
    const { code, out } = ws.run('node', ['--version']);
    expect(exit({ code, out })).toBe(0);
    expect(out.trim()).toBe(ws.run(ws.node, ['--version']).out.trim());
    expect(ws.nx('--version').out).toContain(variant.nx);
  });

  it(`\`npm i -D\` of the packed tarballs succeeds next to nx ${[variant.nx, ...variant.nxPlugins].join(', ')}`, () => {
    // Published, the CLI's own packages come from the registry with it; packed, they are named.
    const packages = [...tarballs].filter(([name]) => !(variant.nxAdd && name === '@deploy-plan/nx'));
    const install = ws.npm('install', '--save-dev', ...packages.map(([, file]) => file));
    expect(exit(install)).toBe(0);
    const installed = (name: string) =>
      (JSON.parse(ws.read(`node_modules/${name}/package.json`)) as { version: string }).version;
    // The user's Nx stays as it was; the plugin runs on it.
    expect(installed('nx')).toBe(variant.nx);
    expect(fs.lstatSync(path.join(ws.dir, 'node_modules/@deploy-plan/cli')).isSymbolicLink()).toBe(false);
    ok('git commit of the install', ws.git('add', '-A'));
    ok('git commit of the install', ws.git('commit', '-q', '-m', 'add deploy-plan', '--no-verify'));
  }, 300_000);

  const setUp = variant.nxAdd ? '`nx add @deploy-plan/nx` installs and' : '`nx g @deploy-plan/nx:init`';
  it(`${setUp} registers the plugin, writes the config and installs the hook`, () => {
    const { code, out } = variant.nxAdd
      ? // `nx add <name>@<version>` installs the version with the package manager: here, the tarball.
        ws.nx('add', `@deploy-plan/nx@file:${tarballs.get('@deploy-plan/nx')}`)
      : ws.nx('g', '@deploy-plan/nx:init', '--no-interactive');
    expect(exit({ code, out })).toBe(0);
    expect(fs.existsSync(path.join(ws.dir, 'node_modules/@deploy-plan/nx/generators.json'))).toBe(true);
    expect((JSON.parse(ws.read('nx.json')) as { plugins: unknown[] }).plugins).toEqual(['@deploy-plan/nx']);
    expect(ws.read('deploy-plan.config.yaml')).toMatch(/^extends: recommended$/m);
    expect(ws.read('.git/hooks/pre-commit')).toContain('deploy-plan check --staged');
    // The commit touches no project: the hook passes it, quietly.
    ws.git('add', '-A');
    const hooked = commit('deploy-plan init');
    expect(exit(hooked)).toBe(0);
    expect(hooked.out).not.toMatch(/critical|problem/);
  }, 120_000);

  it('infers a cacheable target whose inputs are the installed checker and the projects it reads', () => {
    const { code, out } = ws.nx('show', 'project', 'orders-api', '--json');
    expect(exit({ code, out })).toBe(0);
    const target = JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)).targets['deploy-plan'];
    expect(target).toMatchObject({ cache: true, options: { command: 'deploy-plan check apps/orders-api' } });
    expect(target.inputs).toEqual(
      expect.arrayContaining([
        'production',
        '^production',
        '{workspaceRoot}/deploy-plan.config.yaml',
        { externalDependencies: expect.arrayContaining(['@deploy-plan/cli', '@deploy-plan/formatters']) },
      ]),
    );
  }, 120_000);

  it('`nx g @deploy-plan/nx:plan --all` scaffolds the project without a plan, and only it', () => {
    const before = ws.read(plan('orders-api'));
    const { code, out } = ws.nx('g', '@deploy-plan/nx:plan', '--all', '--no-interactive');
    expect(exit({ code, out })).toBe(0);
    expect(out).toMatch(/CREATE apps\/invoice-worker\/deploy-plan\.yaml/);
    expect(ws.read(plan('invoice-worker'))).toContain('TODO(deploy-plan)');
    expect(ws.read(plan('orders-api'))).toBe(before);
  }, 120_000);

  it('`nx affected -t deploy-plan` checks the changed project and fails on its open TODOs', () => {
    const { code, out } = ws.nx('affected', '-t', 'deploy-plan');
    expect(ran(out)).toEqual(['invoice-worker']);
    expect(code).not.toBe(0);
    expect(out).toMatch(
      /apps\/invoice-worker\/deploy-plan\.yaml\n\s+\d+:\d+\s+critical .*completeness\/no-placeholders/,
    );
  }, 120_000);

  it('the hook refuses a commit of the scaffolded plan, then passes it answered', () => {
    ws.git('add', '-A');
    const refused = commit('a plan with TODOs');
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(/apps\/invoice-worker\/deploy-plan\.yaml/);
    expect(refused.out).toMatch(/completeness\/no-placeholders/);
    expect(ws.git('log', '--format=%s', '-1').out.trim()).toBe('deploy-plan init');

    ws.write(plan('invoice-worker'), examplePlan('invoice-worker'));
    ws.git('add', '-A');
    const passed = commit('the invoice-worker plan');
    expect(passed.out).not.toMatch(/critical|problem/);
    expect(exit(passed)).toBe(0);
  }, 120_000);

  it('the hook refuses a broken staged plan even when the working tree is fixed', () => {
    const good = ws.read(plan('orders-api'));
    ws.write(plan('orders-api'), good.replace('maxDuration:', 'maxDuraton:'));
    ws.git('add', '-A');
    ws.write(plan('orders-api'), good);
    const refused = commit('a misspelt key');
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(
      /apps\/orders-api\/deploy-plan\.yaml\n\s+\d+:\d+\s+critical\s+Unknown key `maxDuraton`/,
    );
    ws.git('add', '-A');
    expect(ws.git('diff', '--cached', '--quiet').code).toBe(0);
  }, 120_000);

  it('`nx affected` passes the answered plan; `nx run-many` checks every project, then answers from the cache', () => {
    const affected = ws.nx('affected', '-t', 'deploy-plan', '--base=HEAD~1', '--head=HEAD');
    expect(ran(affected.out)).toEqual(['invoice-worker']);
    expect(exit(affected)).toBe(0);
    const first = ws.nx('run-many', '-t', 'deploy-plan');
    expect(exit(first)).toBe(0);
    expect(ran(first.out)).toEqual(['billing-db', 'invoice-worker', 'orders-api']);
    const second = ws.nx('run-many', '-t', 'deploy-plan');
    expect(exit(second)).toBe(0);
    expect(second.out).toMatch(/from the cache instead of running the command for 3 out of 3 tasks/);
  }, 180_000);

  it('`nx affected -t lint` runs the check beside ESLint, fails on a broken plan and passes it fixed', () => {
    // orders-api lints with ESLint; the other projects have no lint target.
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const eslint = manifest.devDependencies.eslint;
    ok('npm i -D eslint', ws.npm('install', '--save-dev', `eslint@${eslint}`));
    const pkg = JSON.parse(ws.read('apps/orders-api/package.json')) as { scripts: Record<string, string> };
    pkg.scripts.lint = 'eslint eslint.config.mjs';
    ws.write('apps/orders-api/package.json', JSON.stringify(pkg, null, 2));
    ws.write('apps/orders-api/eslint.config.mjs', "export default [{ rules: { 'no-undef': 'error' } }];\n");
    ws.git('add', '-A');
    expect(exit(commit('lint orders-api with ESLint'))).toBe(0);
    const linted = ws.nx('affected', '-t', 'lint', '--base=HEAD~1', '--head=HEAD');
    expect(exit(linted)).toBe(0);
    expect(ran(linted.out, 'lint')).toEqual(['orders-api']);
    expect(ran(linted.out)).toEqual(['orders-api']);

    const good = ws.read(plan('orders-api'));
    ws.write(plan('orders-api'), good.replace('owner: ', 'ownr: '));
    ws.git('add', '-A');
    expect(commit('a broken plan').code).not.toBe(0); // the hook refuses it
    expect(exit(ws.git('commit', '-q', '-m', 'a broken plan', '--no-verify'))).toBe(0);
    const broken = ws.nx('affected', '-t', 'lint', '--base=HEAD~1', '--head=HEAD');
    expect(broken.code).not.toBe(0);
    expect(broken.out).toMatch(/Unknown key `ownr`/);
    ws.write(plan('orders-api'), good);
    ws.git('add', '-A');
    expect(exit(commit('fix the plan'))).toBe(0);
    expect(exit(ws.nx('affected', '-t', 'lint', '--base=HEAD~1', '--head=HEAD'))).toBe(0);
  }, 300_000);
});

describeInstalled(
  'Nx 22.7.12 (the version this repository builds with), installed from packed tarballs with npm',
  () => {
    it('`npm i -D` of the packed tarballs succeeds next to nx alone', () => {
      const ws = new Workspace('nx-22.7.12', process.execPath);
      ws.write('package.json', JSON.stringify({ name: 'acme', private: true, devDependencies: { nx: '22.7.12' } }));
      ok('npm install (the workspace before deploy-plan)', ws.npm('install'));
      expect(exit(ws.npm('install', '--save-dev', ...tarballs.values()))).toBe(0);
      expect(ws.nx('--version').out).toContain('22.7.12');
    }, 300_000);
  },
);

describeInstalled('installed from packed tarballs with pnpm (isolated node_modules)', () => {
  let ws: Workspace;

  beforeAll(() => {
    const pnpm = runtime('pnpm.sh', '10');
    ws = new Workspace('pnpm', process.execPath);
    // Published packages resolve each other from the registry; packed ones through overrides.
    const local = Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${file}`]));
    const nx = (
      JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
        devDependencies: Record<string, string>;
      }
    ).devDependencies.nx;
    ws.write(
      'package.json',
      JSON.stringify({
        name: 'acme',
        private: true,
        devDependencies: {
          nx,
          '@deploy-plan/cli': local['@deploy-plan/cli'],
          '@deploy-plan/nx': local['@deploy-plan/nx'],
        },
        pnpm: { overrides: local },
      }),
    );
    ws.write(
      'nx.json',
      JSON.stringify({ namedInputs: { default: ['{projectRoot}/**/*'] }, plugins: ['@deploy-plan/nx'] }),
    );
    ws.addProjects([...PROJECTS, 'storefront-web']);
    ok(
      'pnpm install',
      ws.run(
        ws.node,
        [
          pnpm,
          'install',
          '--prefer-offline',
          '--store-dir',
          path.join(root, '.cache/pnpm-store'),
          '--reporter=append-only',
        ],
        300_000,
      ),
    );
  }, 360_000);

  it('lays packages out isolated: only direct dependencies at the top of node_modules', () => {
    const top = fs.readdirSync(path.join(ws.dir, 'node_modules/@deploy-plan')).sort();
    expect(top).toEqual(['cli', 'nx']);
    expect(fs.existsSync(path.join(ws.dir, 'node_modules/ts-morph'))).toBe(false);
    expect(fs.existsSync(path.join(ws.dir, 'node_modules/.pnpm'))).toBe(true);
  });

  it('`deploy-plan check` runs every policy and the code inspection', () => {
    const { code, out } = ws.run(path.join(ws.dir, 'node_modules/.bin/deploy-plan'), ['check', 'apps', '--no-cache']);
    expect(out).toMatch(/✔ 4 plans checked, no problems\./);
    expect(exit({ code, out })).toBe(0);
    // A finding in the code proves ts-morph loaded from inside @deploy-plan/inspect's own tree.
    const health = 'apps/orders-api/src/routes/health.ts';
    const text = ws.read(health);
    ws.write(
      health,
      text.replace(/ {2}try \{\n {4}await db\.query[\s\S]*?catch\(\(\) => false\);/, '  checks.database = true;'),
    );
    const broken = ws.run(path.join(ws.dir, 'node_modules/.bin/deploy-plan'), [
      'check',
      'apps/orders-api',
      '--no-cache',
    ]);
    ws.write(health, text);
    expect(broken.out).toMatch(/code\/readiness-checks-dependencies/);
    expect(broken.code).toBe(1);
  }, 120_000);

  it('`nx run-many -t deploy-plan` runs the inferred target in every project', () => {
    const { code, out } = ws.nx('run-many', '-t', 'deploy-plan');
    expect(ran(out)).toEqual(['billing-db', 'invoice-worker', 'orders-api', 'storefront-web']);
    expect(exit({ code, out })).toBe(0);
  }, 180_000);
});
