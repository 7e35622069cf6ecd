import { logger, readNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { HOOK_COMMAND, PLAIN_HOOK_COMMAND } from '@deploy-plan/cli/hooks';
import { initGenerator } from './init';

describe('init generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    tree.write('.git/HEAD', 'ref: refs/heads/main\n');
  });

  it('registers the plugin, writes the config and a git pre-commit hook', async () => {
    await initGenerator(tree, {});
    expect(readNxJson(tree)?.plugins).toContain('@deploy-plan/nx');
    expect(tree.read('deploy-plan.config.yaml', 'utf-8')).toMatch(
      /^# yaml-language-server: \$schema=.*config\.schema\.json\nextends: recommended|extends: recommended/m,
    );
    expect(tree.read('.git/hooks/pre-commit', 'utf-8')).toContain(HOOK_COMMAND);
  });

  it('is idempotent: a second run changes nothing', async () => {
    await initGenerator(tree, {});
    const before = tree.listChanges().map((c) => [c.path, c.content?.toString()]);
    await initGenerator(tree, {});
    expect(tree.listChanges().map((c) => [c.path, c.content?.toString()])).toEqual(before);
    expect(
      readNxJson(tree)?.plugins?.filter((p) => (typeof p === 'string' ? p : p.plugin) === '@deploy-plan/nx'),
    ).toHaveLength(1);
  });

  it('keeps an existing config and extends an existing husky hook', async () => {
    tree.write('deploy-plan.config.yaml', 'failOn: important\n');
    tree.write('.husky/pre-commit', 'npx lint-staged\n');
    await initGenerator(tree, {});
    expect(tree.read('deploy-plan.config.yaml', 'utf-8')).toBe('failOn: important\n');
    expect(tree.read('.husky/pre-commit', 'utf-8')).toBe(`npx lint-staged\n${HOOK_COMMAND}\n`);
    expect(tree.exists('.git/hooks/pre-commit')).toBe(false);
  });

  it('leaves a hook that is not a shell script alone, and says what to add by hand', async () => {
    const python = '#!/usr/bin/env python3\nimport sys\nsys.exit(0)\n';
    tree.write('.git/hooks/pre-commit', python);
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    try {
      await initGenerator(tree, {});
      expect(tree.read('.git/hooks/pre-commit', 'utf-8')).toBe(python);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/python3 script.*by hand.*deploy-plan check --staged/));
    } finally {
      warn.mockRestore();
    }
  });

  it('runs the check with lint, keeping what lint depended on, and says each change it made', async () => {
    const nxJson = readNxJson(tree)!;
    nxJson.targetDefaults = { ...nxJson.targetDefaults, lint: { dependsOn: ['^build'], cache: true } };
    tree.write('nx.json', JSON.stringify(nxJson));
    const info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    try {
      await initGenerator(tree, {});
      expect(readNxJson(tree)?.targetDefaults?.lint).toEqual({ dependsOn: ['^build', 'deploy-plan'], cache: true });
      expect(info.mock.calls.map(([text]) => String(text))).toEqual([
        "deploy-plan: Registered @deploy-plan/nx in nx.json's plugins: " +
          'every project with a plan gets a `deploy-plan` target.',
        "deploy-plan: Added `deploy-plan` to nx.json's targetDefaults.lint.dependsOn: `nx affected -t lint` runs it.",
        'deploy-plan: Wrote deploy-plan.config.yaml (the recommended policies; failOn: critical).',
        `deploy-plan: Created .git/hooks/pre-commit (executable) with \`${PLAIN_HOOK_COMMAND}\`.`,
      ]);
      info.mockClear();
      await initGenerator(tree, {});
      expect(info.mock.calls).toEqual([['deploy-plan: already set up; nothing changed.']]);
    } finally {
      info.mockRestore();
    }
  });

  it('leaves lint alone with --no-lint', async () => {
    await initGenerator(tree, { lint: false, skipHook: true });
    expect(readNxJson(tree)?.targetDefaults?.lint?.dependsOn ?? []).not.toContain('deploy-plan');
  });

  it('registers a custom target name as plugin options', async () => {
    await initGenerator(tree, { targetName: 'deploy-check', skipHook: true });
    expect(readNxJson(tree)?.plugins).toContainEqual({
      plugin: '@deploy-plan/nx',
      options: { targetName: 'deploy-check' },
    });
  });
});
