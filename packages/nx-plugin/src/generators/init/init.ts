import { formatWritten } from '../format';
import { logger, readNxJson, updateNxJson, type GeneratorCallback, type Tree } from 'nx/src/devkit-exports';
import { addToHook, detectHookSetup } from '@deploy-plan/cli/hooks';
import { CONFIG_FILE_NAMES } from '@deploy-plan/core';
import type { InitGeneratorSchema } from './schema';

export const PLUGIN = '@deploy-plan/nx';

const CONFIG = `# yaml-language-server: $schema=./node_modules/@deploy-plan/core/schemas/config.schema.json
# deploy-plan configuration. \`npx deploy-plan policies\` lists the policies; \`npx deploy-plan explain <id>\`
# shows one with its options. Your editor completes the keys from the schema above.
extends: recommended
# The lowest severity that fails a check (critical | important | minor).
failOn: critical
# policies:
#   monitoring/metric-hygiene: off
# overrides:
#   - projects: ["legacy-*"]
#     policies: { rollout/staged: minor }
`;

/** Registers the plugin in nx.json (and the check under `lint`); says what it changed. */
function wireNxJson(tree: Tree, options: InitGeneratorSchema, said: string[]): void {
  const nxJson = readNxJson(tree) ?? {};
  const target = options.targetName || 'deploy-plan';
  const plugins = nxJson.plugins ?? [];
  let changed = false;
  if (!plugins.some((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN)) {
    nxJson.plugins = [
      ...plugins,
      target !== 'deploy-plan' ? { plugin: PLUGIN, options: { targetName: target } } : PLUGIN,
    ];
    said.push(`Registered ${PLUGIN} in nx.json's plugins: every project with a plan gets a \`${target}\` target.`);
    changed = true;
  }
  if (options.lint !== false) {
    // `nx affected -t lint` runs the check too; what lint depended on before stays.
    const defaults = (nxJson.targetDefaults ??= {});
    const lint = (defaults.lint ??= {});
    const dependsOn = lint.dependsOn ?? [];
    if (!dependsOn.some((d) => (typeof d === 'string' ? d : d.target) === target)) {
      lint.dependsOn = [...dependsOn, target];
      said.push(`Added \`${target}\` to nx.json's targetDefaults.lint.dependsOn: \`nx affected -t lint\` runs it.`);
      changed = true;
    }
  }
  if (changed) updateNxJson(tree, nxJson);
}

function wireHook(tree: Tree, said: string[]): void {
  const setup = detectHookSetup({
    exists: (p) => tree.exists(p),
    read: (p) => (tree.exists(p) ? (tree.read(p, 'utf-8') ?? undefined) : undefined),
  });
  if (setup.kind === 'git' && !tree.exists('.git')) {
    logger.warn(
      'deploy-plan: not a git repository; the pre-commit hook was not installed (run ' +
        '`deploy-plan hook install` later).',
    );
    return;
  }
  const current = tree.exists(setup.file) ? (tree.read(setup.file, 'utf-8') ?? undefined) : undefined;
  const edit = addToHook(setup, current);
  if (edit.changed) {
    tree.write(setup.file, edit.content);
    if (edit.executable) tree.changePermissions(setup.file, '755');
    said.push(edit.message);
  } else if (edit.refused) {
    // A hook deploy-plan cannot edit safely (not a shell script, say): the user adds it.
    logger.warn(`deploy-plan: ${edit.reason}`);
  }
}

/**
 * Sets deploy-plan up: registers the plugin in nx.json, adds its target to `lint`'s dependsOn
 * (unless --no-lint), writes deploy-plan.config.yaml when there is none, and adds the check to
 * the pre-commit hook (husky, lefthook or a plain git hook). Says each change it made.
 * Idempotent: a second run changes nothing. What it writes is formatted as the workspace formats.
 */
export async function initGenerator(tree: Tree, options: InitGeneratorSchema = {}): Promise<GeneratorCallback> {
  const said: string[] = [];
  wireNxJson(tree, options, said);
  if (!options.skipConfig && !CONFIG_FILE_NAMES.some((name) => tree.exists(name))) {
    tree.write('deploy-plan.config.yaml', CONFIG);
    said.push('Wrote deploy-plan.config.yaml (the recommended policies; failOn: critical).');
  }
  if (!options.skipHook) wireHook(tree, said);
  for (const line of said) logger.info(`deploy-plan: ${line}`);
  if (!said.length) logger.info('deploy-plan: already set up; nothing changed.');
  await formatWritten(tree);
  return () => undefined;
}

export default initGenerator;
