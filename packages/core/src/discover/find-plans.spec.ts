import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findPlanFiles, findWorkspaceRoot, ignorePatternProblem } from './find-plans';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-find-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function put(rel: string, content = 'apiVersion: deploy-plan/v1\n') {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

const found = (inputs = [root], ignore?: string[]) =>
  findPlanFiles(inputs, { root, ignore }).files.map((f) => path.relative(root, f).split(path.sep).join('/'));

describe('findPlanFiles', () => {
  it('finds .yaml and .yml plans at any depth, sorted', () => {
    put('apps/b/deploy-plan.yml');
    put('apps/a/deploy-plan.yaml');
    put('deploy-plan.yaml');
    put('apps/a/other.yaml');
    expect(found()).toEqual(['apps/a/deploy-plan.yaml', 'apps/b/deploy-plan.yml', 'deploy-plan.yaml']);
  });

  it('skips node_modules, dist, .git and .nx', () => {
    put('node_modules/pkg/deploy-plan.yaml');
    put('apps/a/dist/deploy-plan.yaml');
    put('.nx/cache/deploy-plan.yaml');
    put('.git/deploy-plan.yaml');
    put('apps/a/deploy-plan.yaml');
    expect(found()).toEqual(['apps/a/deploy-plan.yaml']);
  });

  it('honours the root .gitignore and nested ones', () => {
    put('.gitignore', 'build/\n/tmp\n');
    put('apps/a/.gitignore', 'generated/\n');
    put('build/deploy-plan.yaml');
    put('tmp/deploy-plan.yaml');
    put('apps/tmp/deploy-plan.yaml');
    put('apps/a/generated/deploy-plan.yaml');
    put('apps/b/generated/deploy-plan.yaml');
    expect(found()).toEqual(['apps/b/generated/deploy-plan.yaml', 'apps/tmp/deploy-plan.yaml']);
  });

  it('applies the root .gitignore when starting below the root', () => {
    put('.gitignore', 'legacy/\n');
    put('apps/legacy/deploy-plan.yaml');
    put('apps/new/deploy-plan.yaml');
    expect(found([path.join(root, 'apps')])).toEqual(['apps/new/deploy-plan.yaml']);
  });

  it('honours extra ignore patterns from the config', () => {
    put('apps/a/deploy-plan.yaml');
    put('examples/x/deploy-plan.yaml');
    expect(found([root], ['examples/'])).toEqual(['apps/a/deploy-plan.yaml']);
  });

  it("applies the root .gitignore together with the config's ignore patterns", () => {
    // The config's patterns are rooted at the root too, and were taken for the root's .gitignore.
    put('.gitignore', 'build/\n');
    put('build/deploy-plan.yaml');
    put('examples/x/deploy-plan.yaml');
    put('apps/a/deploy-plan.yaml');
    expect(found([root], ['examples/'])).toEqual(['apps/a/deploy-plan.yaml']);
  });

  it('leaves out a .gitignore line or ignore pattern it cannot compile, and applies the others', () => {
    // The `ignore` package makes this a regular expression V8 refuses ("too large"): it threw.
    const huge = `${'*a'.repeat(10_000)}b`;
    put('.gitignore', `${huge}\nbuild/\n`);
    put('build/deploy-plan.yaml');
    put('examples/x/deploy-plan.yaml');
    put('apps/a/deploy-plan.yaml');
    expect(found([root], [huge, 'examples/'])).toEqual(['apps/a/deploy-plan.yaml']);
    expect(ignorePatternProblem(huge)).toBe('longer than 4096 characters');
    expect(ignorePatternProblem('build/')).toBeUndefined();
  });

  it('takes explicit files as given, whatever their name', () => {
    put('plans/orders.yaml');
    expect(found([path.join(root, 'plans/orders.yaml')])).toEqual(['plans/orders.yaml']);
  });

  it('returns a directory named deploy-plan.yaml so the loader can report it, and searches inside it', () => {
    put('apps/a/deploy-plan.yaml/nested/deploy-plan.yaml');
    expect(found()).toEqual(['apps/a/deploy-plan.yaml', 'apps/a/deploy-plan.yaml/nested/deploy-plan.yaml']);
  });

  it('reports inputs that do not exist', () => {
    expect(findPlanFiles([path.join(root, 'nope')], { root }).missing).toEqual([path.join(root, 'nope')]);
  });

  it('does not follow symbolic links to directories (no loops)', () => {
    put('apps/a/deploy-plan.yaml');
    fs.symlinkSync(root, path.join(root, 'apps/a/loop'));
    expect(found()).toEqual(['apps/a/deploy-plan.yaml']);
  });

  it('searches a link to a folder given as an input like the folder', () => {
    put('apps/a/deploy-plan.yaml');
    fs.symlinkSync(path.join(root, 'apps/a'), path.join(root, 'ext'));
    expect(found([path.join(root, 'ext')])).toEqual(['ext/deploy-plan.yaml']);
  });

  it('walks folders nested deeper than a recursive walk could', () => {
    // Each level adds two characters to the path: 1,500 levels is near the system's path limit.
    const deep = path.join(root, ...Array.from({ length: 1500 }, () => 'd'));
    fs.mkdirSync(deep, { recursive: true });
    fs.writeFileSync(path.join(deep, 'deploy-plan.yaml'), 'x: 1\n');
    expect(found()).toHaveLength(1);
  });
});

describe('findWorkspaceRoot', () => {
  it('prefers the nearest nx.json, then .git, then the folder itself', () => {
    fs.mkdirSync(path.join(root, '.git'));
    fs.mkdirSync(path.join(root, 'ws/apps/a'), { recursive: true });
    fs.writeFileSync(path.join(root, 'ws/nx.json'), '{}');
    expect(findWorkspaceRoot(path.join(root, 'ws/apps/a'))).toBe(path.join(root, 'ws'));
    fs.rmSync(path.join(root, 'ws/nx.json'));
    expect(findWorkspaceRoot(path.join(root, 'ws/apps/a'))).toBe(root);
  });
});
