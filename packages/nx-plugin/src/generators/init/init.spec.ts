import { logger, readNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { HOOK_COMMAND } from '@deploy-plan/cli/hooks';
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

  it('registers a custom target name as plugin options', async () => {
    await initGenerator(tree, { targetName: 'deploy-check', skipHook: true });
    expect(readNxJson(tree)?.plugins).toContainEqual({
      plugin: '@deploy-plan/nx',
      options: { targetName: 'deploy-check' },
    });
  });
});
