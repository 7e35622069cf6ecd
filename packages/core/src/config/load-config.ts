import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostic';
import type { DeployPlanConfig } from '../generated/config';
import { loadDocument, type SourceSpan } from '../plan/load-plan';
import { BUILTIN_RULES } from '../rules/builtin-rules';
import { configValidator } from '../schema/validate';

export const CONFIG_FILE_NAMES: readonly string[] = ['deploy-plan.config.yaml', 'deploy-plan.config.yml'];

export interface LoadedConfig {
  /** Workspace-relative path, when a config file exists. */
  file?: string;
  /** The config; `{}` when there is none or it does not match the schema. */
  config: DeployPlanConfig;
  /** Problems in the config file (a broken config makes the run exit 2, after checking with defaults). */
  diagnostics: Diagnostic[];
  readonly locate: (pointer: string, target?: 'key' | 'value') => SourceSpan;
}

const nowhere = () => ({ line: 1, column: 1, endLine: 1, endColumn: 1 });

/** Finds `deploy-plan.config.yaml` (or `.yml`) at the root, or reads `explicit`, and validates it. */
export function loadConfig(root: string, explicit?: string): LoadedConfig {
  const candidates = explicit ? [path.resolve(root, explicit)] : CONFIG_FILE_NAMES.map((name) => path.join(root, name));
  const found = explicit ? candidates[0] : candidates.find((file) => fs.existsSync(file));
  if (!found) return { config: {}, diagnostics: [], locate: nowhere };
  const doc = loadDocument<DeployPlanConfig>(
    found,
    { root, maxFileSize: 1024 * 1024 },
    configValidator,
    BUILTIN_RULES.configSchema,
  );
  // An empty or comments-only config is an empty config, as in ESLint: not a problem.
  const empty = doc.diagnostics.length === 1 && doc.diagnostics[0].messageId === 'empty';
  const diagnostics = empty ? [] : doc.diagnostics;
  return { file: doc.file, config: doc.value ?? {}, diagnostics, locate: doc.locate };
}
