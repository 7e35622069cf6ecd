import * as path from 'node:path';
import { describeThrown, sortDiagnostics, type Diagnostic } from '../diagnostic';
import { detached } from '../detach';
import { resolveConfig, type ResolvedConfig } from '../config/resolve-config';
import { findPlanFiles } from '../discover/find-plans';
import { loadPlan, relativePosix, rememberingRealPath } from '../plan/load-plan';
import { parentPointer } from '../pointer';
import type { Placeholder } from '../vocabulary';
import type { SourceFileSystem } from '../source/read-source';
import type { DeployPlan } from '../generated/plan';
import type { AnyPolicy, PolicyNeed } from '../policy/define-policy';
import type { ProjectFacts } from '../policy/facts';
import { deepFreeze, progress, runPolicies } from '../policy/run-policies';
import { readinessOf, type Readiness } from '../readiness';
import { applyWaivers, isoDate } from '../waivers/apply-waivers';

/** What a fact provider is asked for: one project, and the kinds of facts its policies need. */
export interface FactRequest {
  project: string;
  /** The project's plan (valid against the schema). */
  plan?: DeployPlan;
  /** Absolute folder of the project (the plan's folder). */
  projectDir: string;
  root: string;
  needs: readonly PolicyNeed[];
  config: ResolvedConfig;
}

/** Gathers facts about a project (code, files, graph); provided by the caller, not by core. */
export type FactProvider = (request: FactRequest) => ProjectFacts;

export interface CheckOptions {
  /** Workspace root: diagnostics' paths are relative to it. */
  root: string;
  /** Files or folders to search (absolute, or relative to the process's cwd). Default: the root. */
  paths?: readonly string[];
  /** The policy pack (and any extra policies). Default: none, only the loader's checks. */
  policies?: readonly AnyPolicy[];
  /** Resolved config; default: the `recommended` preset with no overrides. */
  config?: ResolvedConfig;
  /** Gathers facts for policies that need them; called at most once per project. */
  facts?: FactProvider;
  /** The clock for waiver expiry (tests pass a fixed date). */
  now?: Date;
  /** Extra gitignore-style patterns to skip, relative to the root. */
  ignore?: readonly string[];
  /** Largest plan file read, in bytes (overrides the config). */
  maxFileSize?: number;
  /**
   * Deep-freeze each plan before policies see it, so one policy cannot change what the next one
   * reads. Default true. The CLI turns it off when only the built-in pack runs: its policies are
   * tested on frozen plans, and freezing 1,000 plans costs about 3% of a run.
   */
  freezePlans?: boolean;
  /** Reads plan files (the pre-commit hook reads them from the git index). Default: the disk. */
  fileSystem?: SourceFileSystem;
}

/** What one plan produced. */
export interface PlanResult {
  /** Workspace-relative POSIX path of the plan. */
  file: string;
  /** Nx project the plan is for (its `project`, else its folder's name). */
  project: string;
  diagnostics: Diagnostic[];
  readiness: Readiness;
  /** Whether the plan matched the schema (policies ran). */
  checked: boolean;
}

export interface CheckResult {
  root: string;
  plans: PlanResult[];
  /** Every plan diagnostic, sorted by file, line, column, rule. */
  diagnostics: Diagnostic[];
  /** Problems in the config file. */
  configDiagnostics: Diagnostic[];
  /** Inputs that do not exist. */
  missing: string[];
}

/** The Nx project a plan is for: its `project`, else its folder's name. */
export function projectName(data: Record<string, unknown> | undefined, file: string): string {
  const declared = data?.project;
  // Every result of the run keeps it: a copy, not a slice of the plan's text (see `detached`).
  if (typeof declared === 'string' && declared.trim()) return detached(declared.trim());
  return path.posix.basename(path.posix.dirname(file)) || file;
}

/**
 * Asks the provider for a project's facts. A provider that throws costs that project its facts,
 * not the run: the failure is a fact (reported by `code/inspection-failed`) at the plan.
 */
function gatherFacts(provider: FactProvider, request: FactRequest, planFile: string): ProjectFacts {
  progress.facts = request.needs.join(', ');
  try {
    return provider(request);
  } catch (error) {
    return { failures: [{ file: planFile, line: 1, column: 1, message: describeThrown(error) }] };
  } finally {
    progress.facts = undefined;
  }
}

/**
 * A placeholder is one question, reported once, by the policies whose meta `asksPlaceholders`
 * (`askers`). Other findings about the part of the plan that holds it (the value itself, a
 * sibling value, its object, or the list or object above that) wait until it is answered. With no
 * such policy on, placeholders are plain values and nothing waits.
 */
function waitForAnswers(
  found: Diagnostic[],
  placeholders: readonly Placeholder[],
  askers: ReadonlySet<string>,
): Diagnostic[] {
  if (!askers.size || !placeholders.length) return found;
  const waiting = new Set<string>();
  const holders = new Set<string>();
  for (const { pointer } of placeholders) {
    let at: string | undefined = pointer;
    for (let up = 0; up <= 2 && at; up++, at = parentPointer(at)) waiting.add(at);
    const holder = parentPointer(pointer);
    if (holder) holders.add(holder);
  }
  const waits = (pointer: string) => waiting.has(pointer) || holders.has(parentPointer(pointer) ?? '');
  return found.filter((d) => askers.has(d.ruleId) || d.pointer === undefined || !waits(d.pointer));
}

/**
 * The checker's one entry point (the CLI and the Nx plugin both call it): discover plans, load
 * them with positions, validate them, gather the facts enabled policies need, run the policies,
 * apply waivers, and return sorted diagnostics and readiness per plan.
 */
export function runCheck(options: CheckOptions): CheckResult {
  const root = path.resolve(options.root);
  const policies = options.policies ?? [];
  const config =
    options.config ??
    resolveConfig(
      { config: {}, diagnostics: [], locate: () => ({ line: 1, column: 1, endLine: 1, endColumn: 1 }) },
      policies,
    );
  const knownPolicies = policies.map((p) => p.id);
  const today = isoDate(options.now ?? new Date());
  const { files, missing } = findPlanFiles(options.paths?.length ? options.paths : [root], {
    root,
    ignore: [...config.ignore, ...(options.ignore ?? [])],
    exists: options.fileSystem?.has,
  });

  const plans: PlanResult[] = [];
  const realPath = rememberingRealPath();
  for (const absolute of files) {
    progress.plan = relativePosix(root, absolute);
    const loaded = loadPlan(absolute, {
      root,
      maxFileSize: options.maxFileSize ?? config.maxFileSize,
      fileSystem: options.fileSystem,
      realPath,
    });
    const project = projectName(loaded.data, loaded.file);
    let diagnostics = loaded.diagnostics;
    const resolved = loaded.value ? config.policiesFor(project) : [];
    if (loaded.value && resolved.length) {
      const plan = options.freezePlans === false ? loaded.value : deepFreeze(loaded.value);
      const needs = [...new Set(resolved.flatMap((r) => r.policy.meta.needs ?? []))];
      const request = { project, plan, projectDir: path.dirname(absolute), root, needs, config };
      const facts = needs.length && options.facts ? gatherFacts(options.facts, request, loaded.file) : {};
      const placeholders = loaded.placeholders ?? [];
      const found = waitForAnswers(
        runPolicies({
          plan,
          project,
          file: loaded.file,
          locate: loaded.locate,
          policies: resolved,
          facts,
          placeholders,
        }),
        placeholders,
        new Set(resolved.filter((r) => r.policy.meta.asksPlaceholders).map((r) => r.policy.id)),
      );
      const waived = applyWaivers({
        waivers: plan.waivers ?? [],
        diagnostics: found,
        file: loaded.file,
        project,
        today,
        maxLifetime: config.waiverLifetime,
        knownPolicies,
        severityOf: (id) =>
          resolved.find((r) => r.policy.id === id)?.severity ?? policies.find((p) => p.id === id)?.meta.severity,
        locate: loaded.locate,
      });
      diagnostics = [...diagnostics, ...waived];
    }
    const sorted = sortDiagnostics(diagnostics.map((d) => ({ ...d, project })));
    plans.push({
      file: loaded.file,
      project,
      diagnostics: sorted,
      readiness: readinessOf(sorted),
      checked: Boolean(loaded.value),
    });
  }
  return {
    root,
    plans,
    diagnostics: sortDiagnostics(plans.flatMap((p) => p.diagnostics)),
    configDiagnostics: sortDiagnostics(config.diagnostics),
    missing,
  };
}
