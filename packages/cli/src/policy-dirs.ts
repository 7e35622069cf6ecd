import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BUILTIN_RULES,
  builtinDiagnostic,
  describeThrown,
  SEVERITIES,
  type AnyPolicy,
  type Diagnostic,
  type LoadedConfig,
} from '@deploy-plan/core';

/** Why a value is not a policy, or undefined when it is one. */
function notAPolicy(value: unknown): string | undefined {
  const p = value as AnyPolicy | undefined;
  if (!p || typeof p !== 'object') return 'it does not export a policy object';
  if (typeof p.id !== 'string' || !/^[a-z0-9-]+(\/[a-z0-9-]+)+$/.test(p.id))
    return 'its `id` is not of the form `topic/name`';
  if (!p.meta || !SEVERITIES.includes(p.meta.severity)) return `\`${p.id}\` has no valid \`meta.severity\``;
  if (!p.meta.messages || typeof p.meta.messages !== 'object') return `\`${p.id}\` has no \`meta.messages\``;
  if (typeof p.check !== 'function') return `\`${p.id}\` has no \`check\` function`;
  return undefined;
}

/**
 * Loads extra policies from the config's `policyDirs`: every `.js`/`.cjs` file, whose default
 * export (or module.exports) is a policy or a list of policies. A file that fails to load is a
 * config diagnostic at its `policyDirs` entry; the other files still load.
 */
export function loadPolicyDirs(
  root: string,
  config: LoadedConfig,
  known: readonly AnyPolicy[],
): { policies: AnyPolicy[]; diagnostics: Diagnostic[] } {
  const policies: AnyPolicy[] = [];
  const diagnostics: Diagnostic[] = [];
  const ids = new Set(known.map((p) => p.id));
  const file = config.file ?? 'deploy-plan.config.yaml';
  (config.config.policyDirs ?? []).forEach((dir, i) => {
    const pointer = `/policyDirs/${i}`;
    const fail = (reason: string) =>
      diagnostics.push(
        builtinDiagnostic(
          BUILTIN_RULES.configInvalid,
          'policyDirFailed',
          { dir, reason },
          file,
          config.locate(pointer),
          { pointer },
        ),
      );
    const absolute = path.resolve(root, dir);
    let entries: string[];
    try {
      entries = fs
        .readdirSync(absolute)
        .filter((f) => /\.c?js$/.test(f))
        .sort();
    } catch (error) {
      fail((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the folder does not exist' : describeThrown(error));
      return;
    }
    for (const name of entries) {
      let exported: unknown;
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- policies found at run time are CommonJS
        const mod = require(path.join(absolute, name)) as { default?: unknown };
        exported = mod && typeof mod === 'object' && 'default' in mod ? mod.default : mod;
      } catch (error) {
        fail(`${name} threw while loading: ${describeThrown(error)}`);
        continue;
      }
      for (const candidate of Array.isArray(exported) ? exported : [exported]) {
        let problem: string | undefined;
        try {
          problem = notAPolicy(candidate);
        } catch (error) {
          problem = `reading its policy threw: ${describeThrown(error)}`;
        }
        if (problem) fail(`${name}: ${problem}`);
        else if (ids.has((candidate as AnyPolicy).id))
          fail(`${name}: \`${(candidate as AnyPolicy).id}\` is already defined`);
        else {
          ids.add((candidate as AnyPolicy).id);
          policies.push(candidate as AnyPolicy);
        }
      }
    }
  });
  return { policies, diagnostics };
}
