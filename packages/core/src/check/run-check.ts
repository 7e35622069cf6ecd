import * as path from 'node:path';
import { sortDiagnostics, type Diagnostic } from '../diagnostic';
import { findPlanFiles } from '../discover/find-plans';
import { loadPlan, relativePosix } from '../plan/load-plan';

export interface CheckOptions {
  /** Workspace root: diagnostics' paths are relative to it. */
  root: string;
  /** Files or folders to search (absolute, or relative to the process's cwd). Default: the root. */
  paths?: readonly string[];
  /** Extra gitignore-style patterns to skip, relative to the root. */
  ignore?: readonly string[];
  /** Largest plan file read, in bytes. */
  maxFileSize?: number;
}

/** What one plan produced. */
export interface PlanResult {
  /** Workspace-relative POSIX path of the plan. */
  file: string;
  /** Nx project the plan is for (its `project`, else its folder's name). */
  project: string;
  diagnostics: Diagnostic[];
}

export interface CheckResult {
  root: string;
  plans: PlanResult[];
  /** Every diagnostic, sorted by file, line, column, rule. */
  diagnostics: Diagnostic[];
  /** Inputs that do not exist. */
  missing: string[];
}

function projectName(data: Record<string, unknown> | undefined, file: string): string {
  const declared = data?.project;
  if (typeof declared === 'string' && declared.trim()) return declared.trim();
  return path.posix.basename(path.posix.dirname(file)) || file;
}

/**
 * The checker's one entry point (the CLI and the Nx plugin both call it): discover plans,
 * load them with positions, validate them, and return sorted diagnostics per plan.
 */
export function runCheck(options: CheckOptions): CheckResult {
  const root = path.resolve(options.root);
  const { files, missing } = findPlanFiles(options.paths?.length ? options.paths : [root], { root, ignore: options.ignore });
  const plans: PlanResult[] = [];
  for (const absolute of files) {
    const loaded = loadPlan(absolute, { root, maxFileSize: options.maxFileSize });
    const project = projectName(loaded.data, loaded.file ?? relativePosix(root, absolute));
    const diagnostics = sortDiagnostics(loaded.diagnostics.map((d) => ({ ...d, project })));
    plans.push({ file: loaded.file, project, diagnostics });
  }
  return { root, plans, diagnostics: sortDiagnostics(plans.flatMap((p) => p.diagnostics)), missing };
}
