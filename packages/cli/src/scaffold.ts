import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig, relativePosix, resolveConfig } from '@deploy-plan/core';
import type { Scaffold } from '@deploy-plan/inspect/scaffold';
import { UsageError } from './io';

/** Where editors find the plan schema: this workspace's schemas/, else the installed package's. */
export function schemaPathFor(root: string, planDir: string): string {
  const candidates = [
    path.join(root, 'schemas', 'deploy-plan.schema.json'),
    path.join(root, 'node_modules', '@deploy-plan', 'core', 'schemas', 'deploy-plan.schema.json'),
  ];
  const found = candidates.find((f) => fs.existsSync(f)) ?? candidates[1];
  return path.relative(planDir, found).split(path.sep).join('/');
}

/** Builds the scaffold of a project folder (inspection of its code and files). */
export function scaffoldProject(
  root: string,
  projectDir: string,
  projectName?: string,
  options: { cache?: boolean } = {},
): Scaffold {
  /* eslint-disable @typescript-eslint/no-require-imports -- inspection and the compiler load only to scaffold */
  const { gatherFileFacts } = require('@deploy-plan/inspect') as typeof import('@deploy-plan/inspect');
  const scaffolding = require('@deploy-plan/inspect/scaffold') as typeof import('@deploy-plan/inspect/scaffold');
  const { inspectCode } = require('@deploy-plan/inspect/code') as typeof import('@deploy-plan/inspect/code');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const config = resolveConfig(loadConfig(root), []);
  const files = gatherFileFacts(projectDir, root);
  const code = inspectCode(projectDir, root, {
    ...config.inspect,
    cacheDir: options.cache === false ? false : undefined,
  });
  let name = projectName;
  if (!name) {
    try {
      name = (JSON.parse(fs.readFileSync(path.join(projectDir, 'project.json'), 'utf8')) as { name?: string }).name;
    } catch {
      // no project.json
    }
  }
  return scaffolding.scaffoldPlan({
    project: name ?? files.packageJson?.name ?? path.basename(projectDir),
    projectRoot: relativePosix(root, projectDir),
    code,
    files,
    schemaPath: schemaPathFor(root, projectDir),
  });
}

/** What a scaffold filled in and how many questions are left, ending with the check to run. */
export function scaffoldSummary(scaffold: Scaffold, checkDir: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded with the scaffold
  const scaffolding = require('@deploy-plan/inspect/scaffold') as typeof import('@deploy-plan/inspect/scaffold');
  return scaffolding.describeScaffold(scaffold, checkDir);
}

/** Writes a file atomically (see writeFileAtomically); a failure is a usage error, a sentence. */
export function writeAtomically(file: string, content: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- inspect loads only when a file is written
  const { WriteError, writeFileAtomically } = require('@deploy-plan/inspect') as typeof import('@deploy-plan/inspect');
  try {
    writeFileAtomically(file, content);
  } catch (error) {
    if (error instanceof WriteError) throw new UsageError(error.message);
    throw error;
  }
}
