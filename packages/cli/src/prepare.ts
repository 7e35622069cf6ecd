import {
  loadConfig,
  loadSuppressions,
  resolveConfig,
  runCheck,
  type AnyPolicy,
  type CheckResult,
  type FactProvider,
  type LoadedConfig,
  type LoadedSuppressions,
  type ResolvedConfig,
} from '@deploy-plan/core';
import { loadPolicyDirs } from './policy-dirs';

/* eslint-disable @typescript-eslint/no-require-imports -- the pack and inspectors load only when a run needs them */
export function loadBuiltinPolicies(): readonly AnyPolicy[] {
  return (require('@deploy-plan/policies') as typeof import('@deploy-plan/policies')).builtinPolicies;
}
export function loadFactProvider(cache = true): FactProvider {
  const { createFactProvider } = require('@deploy-plan/inspect') as typeof import('@deploy-plan/inspect');
  return createFactProvider(cache ? {} : { cacheDir: false });
}
/* eslint-enable @typescript-eslint/no-require-imports */

export interface PrepareOptions {
  root: string;
  paths: readonly string[];
  configPath?: string;
  now?: Date;
  maxFileSize?: number;
  facts?: FactProvider;
  /** Validate only; run no policy. */
  schemaOnly?: boolean;
  /** Use the code-facts cache (default true). */
  cache?: boolean;
  /** Where plans are read from (the git index for --staged). */
  fileSystem?: import('@deploy-plan/core').SourceFileSystem;
  /** The suppressions file (default deploy-plan-suppressions.json at the root). */
  suppressionsPath?: string;
}

/** Loads the config and extra policies, then runs the check: what every command that checks does. */
export interface Prepared {
  result: CheckResult;
  config: ResolvedConfig;
  /** The suppressions file as read from the checked tree (not yet applied). */
  baseline: LoadedSuppressions;
  /** Every policy known to the run (built-in and from policyDirs), enabled or not. */
  policies: readonly AnyPolicy[];
}

/** The config and the policies of a run, before any plan is read. */
export interface Setup {
  config: ResolvedConfig;
  /** Every policy known to the run (built-in and from policyDirs), enabled or not. */
  policies: readonly AnyPolicy[];
  /** Whether policies came from policyDirs (they are run on frozen plans). */
  extraPolicies: boolean;
}

/** Loads the config (unless given), the pack (unless --schema-only) and the config's policyDirs. */
export function loadSetup(
  options: Pick<PrepareOptions, 'root' | 'configPath' | 'schemaOnly'>,
  loaded: LoadedConfig = loadConfig(options.root, options.configPath),
): Setup {
  const builtin = options.schemaOnly ? [] : loadBuiltinPolicies();
  const extra = options.schemaOnly ? { policies: [], diagnostics: [] } : loadPolicyDirs(options.root, loaded, builtin);
  const policies = [...builtin, ...extra.policies];
  const config = resolveConfig({ ...loaded, diagnostics: [...loaded.diagnostics, ...extra.diagnostics] }, policies, {
    policiesLoaded: !options.schemaOnly,
  });
  return { config, policies, extraPolicies: extra.policies.length > 0 };
}

/** Runs the check: loads the config and the policies (unless given), then checks the plans. */
export function prepareCheck(options: PrepareOptions, setup: Setup = loadSetup(options)): Prepared {
  const { config, policies } = setup;
  const result = runCheck({
    root: options.root,
    paths: options.paths.length ? options.paths : [options.root],
    policies,
    config,
    now: options.now,
    maxFileSize: options.maxFileSize,
    facts: options.facts ?? (options.schemaOnly ? undefined : loadFactProvider(options.cache !== false)),
    // Policies from policyDirs are not tested on frozen plans as the built-in ones are.
    freezePlans: setup.extraPolicies,
    fileSystem: options.fileSystem,
  });
  return { result, config, policies, baseline: loadSuppressions(options.root, options.suppressionsPath) };
}
