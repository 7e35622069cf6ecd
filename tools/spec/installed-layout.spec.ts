// The packages as users get them: `npm pack`ed, installed from the tarballs into a fresh
// workspace (packages under node_modules/@deploy-plan/*, nothing from this repository on the
// resolution path), and run through `npx deploy-plan`. The report must be exactly the one the
// repository's own build gives on the same workspace. Needs `npm run build` first (npm test does).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const PACKAGES = ['packages/core', 'packages/formatters', 'policies', 'packages/inspect', 'packages/cli'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let dir: string;
let ws: string;

/** The examples, with one plan misspelt and, in another project, a readiness handler that checks nothing. */
function makeWorkspace(): void {
  fs.cpSync(path.join(root, 'examples'), path.join(ws, 'examples'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'nx.json'), '{}\n');
  const plan = path.join(ws, 'examples/billing-db/deploy-plan.yaml');
  fs.writeFileSync(plan, fs.readFileSync(plan, 'utf8').replace('maxDuration:', 'maxDuraton:'));
  const health = path.join(ws, 'examples/orders-api/src/routes/health.ts');
  const text = fs.readFileSync(health, 'utf8');
  const broken = text.replace(
    / {2}try \{\n {4}await db\.query[\s\S]*?catch\(\(\) => false\);/,
    '  checks.database = true;',
  );
  expect(broken).not.toBe(text);
  fs.writeFileSync(health, broken);
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-installed-'));
  ws = path.join(dir, 'ws');
  fs.mkdirSync(path.join(dir, 'tarballs'));
  fs.mkdirSync(ws);
  const devDependencies: Record<string, string> = {};
  for (const pkg of PACKAGES) {
    const out = execFileSync(npm, ['pack', '--json', '--pack-destination', path.join(dir, 'tarballs')], {
      cwd: path.join(root, pkg),
      encoding: 'utf8',
    });
    const [{ name, filename }] = JSON.parse(out) as { name: string; filename: string }[];
    devDependencies[name] = `file:../tarballs/${filename}`;
  }
  fs.writeFileSync(path.join(ws, 'package.json'), JSON.stringify({ name: 'ws', private: true, devDependencies }));
  execFileSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: ws,
    stdio: 'pipe',
    timeout: 240_000,
  });
  makeWorkspace();
}, 300_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const check = (argv: string[]) => {
  const args = ['check', 'examples', '--format', 'json', '--no-cache', '--now', '2026-12-01'];
  const run = spawnSync(argv[0], [...argv.slice(1), ...args], { cwd: ws, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe('installed from packed tarballs', () => {
  it('installs the CLI under node_modules, not as a link into this repository', () => {
    const bin = fs.realpathSync(path.join(ws, 'node_modules/.bin/deploy-plan'));
    expect(bin).toBe(fs.realpathSync(path.join(ws, 'node_modules/@deploy-plan/cli/bin/deploy-plan.js')));
    expect(fs.existsSync(path.join(ws, 'node_modules/@deploy-plan/cli/dist/cli.js'))).toBe(true);
  });

  it('`npx deploy-plan check` reports exactly what the repository build reports', () => {
    const installed = check(['npx', '--no-install', 'deploy-plan']);
    const repository = check([process.execPath, path.join(root, 'packages/cli/bin/deploy-plan.js')]);
    expect(installed.stderr).toBe('');
    expect(installed.status).toBe(1);
    const report = JSON.parse(installed.stdout) as { diagnostics: { ruleId: string; file: string }[] };
    // The misspelt key and the code finding: schema, policies and code inspection all ran.
    expect(report.diagnostics.map((d) => d.ruleId)).toEqual(
      expect.arrayContaining(['plan/schema', 'code/readiness-checks-dependencies']),
    );
    expect(installed).toEqual(repository);
  });
});
