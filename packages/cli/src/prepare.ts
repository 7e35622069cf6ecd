import { loadConfig, resolveConfig, runCheck, type CheckResult, type FactProvider, type ResolvedConfig } from '@deploy-plan/core';
import { createFactProvider } from '@deploy-plan/inspect';
import { builtinPolicies } from '@deploy-plan/policies';
import { loadPolicyDirs } from './policy-dirs';

export interface PrepareOptions {
  root: string;
  paths: readonly string[];
  configPath?: string;
  now?: Date;
  maxFileSize?: number;
  facts?: FactProvider;
}

/** Loads the config and extra policies, then runs the check: what every command that checks does. */
export function prepareCheck(options: PrepareOptions): { result: CheckResult; config: ResolvedConfig } {
  const loaded = loadConfig(options.root, options.configPath);
  const extra = loadPolicyDirs(options.root, loaded, builtinPolicies);
  const policies = [...builtinPolicies, ...extra.policies];
  const config = resolveConfig({ ...loaded, diagnostics: [...loaded.diagnostics, ...extra.diagnostics] }, policies);
  const result = runCheck({
    root: options.root,
    paths: options.paths.length ? options.paths : [options.root],
    policies,
    config,
    now: options.now,
    maxFileSize: options.maxFileSize,
    facts: options.facts ?? createFactProvider(),
  });
  return { result, config };
}
