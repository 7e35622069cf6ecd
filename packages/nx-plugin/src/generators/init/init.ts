import { formatWritten } from '../format';
import { logger, readNxJson, updateNxJson, type GeneratorCallback, type Tree } from 'nx/src/devkit-exports';
import { addToHook, detectHookSetup } from '@deploy-plan/cli/hooks';
import { CONFIG_FILE_NAMES } from '@deploy-plan/core';
import type { InitGeneratorSchema } from './schema';

export const PLUGIN = '@deploy-plan/nx';

const CONFIG = `# yaml-language-server: $schema=./node_modules/@deploy-plan/core/schemas/config.schema.json
# deploy-plan configuration: https://github.com/deploy-plan/deploy-plan#configuration
extends: recommended
# The lowest severity that fails a check (critical | important | minor).
failOn: critical
# policies:
#   monitoring/metric-hygiene: off
# overrides:
#   - projects: ["legacy-*"]
#     policies: { rollout/staged: minor }
`;

/**
 * Sets deploy-plan up: registers the plugin in nx.json, writes deploy-plan.config.yaml when
 * there is none, and adds the check to the pre-commit hook (husky, lefthook or a plain git hook).
 * Idempotent: a second run changes nothing. What it writes is formatted as the workspace formats.
 */
export async function initGenerator(tree: Tree, options: InitGeneratorSchema = {}): Promise<GeneratorCallback> {
  const nxJson = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  const registered = plugins.some((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN);
  if (!registered) {
    nxJson.plugins = [
      ...plugins,
      options.targetName && options.targetName !== 'deploy-plan'
        ? { plugin: PLUGIN, options: { targetName: options.targetName } }
        : PLUGIN,
    ];
    updateNxJson(tree, nxJson);
  }

  if (!options.skipConfig && !CONFIG_FILE_NAMES.some((name) => tree.exists(name)))
    tree.write('deploy-plan.config.yaml', CONFIG);

  if (!options.skipHook) {
    const setup = detectHookSetup({
      exists: (p) => tree.exists(p),
      read: (p) => (tree.exists(p) ? (tree.read(p, 'utf-8') ?? undefined) : undefined),
    });
    if (setup.kind === 'git' && !tree.exists('.git')) {
      logger.warn(
        'deploy-plan: not a git repository; the pre-commit hook was not installed (run ' +
          '`deploy-plan hook install` later).',
      );
    } else {
      const current = tree.exists(setup.file) ? (tree.read(setup.file, 'utf-8') ?? undefined) : undefined;
      const edit = addToHook(setup, current);
      if (edit.changed) {
        tree.write(setup.file, edit.content);
        if (edit.executable) tree.changePermissions(setup.file, '755');
      } else if (edit.refused) {
        // A hook deploy-plan cannot edit safely (not a shell script, say): the user adds it.
        logger.warn(`deploy-plan: ${edit.reason}`);
      }
    }
  }
  await formatWritten(tree);
  return () => undefined;
}

export default initGenerator;
