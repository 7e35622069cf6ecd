import * as path from 'node:path';
import { getProjects, joinPathFragments, logger, type ProjectConfiguration, type Tree } from 'nx/src/devkit-exports';
import { loadConfig, PLAN_FILE_NAMES, resolveConfig, type CodeFacts } from '@deploy-plan/core';
import { gatherFileFacts } from '@deploy-plan/inspect';
import { describeScaffold, scaffoldPlan } from '@deploy-plan/inspect/scaffold';
import { formatWritten } from '../format';
import type { PlanGeneratorSchema } from './schema';

const DEPLOYMENT_FILES = [
  'Dockerfile',
  'k8s',
  'kubernetes',
  'serverless.yml',
  'vercel.json',
  'netlify.toml',
  'Procfile',
  'fly.toml',
  'migrations',
  'prisma',
];

/**
 * Why a project deploys nothing, in words, or undefined when it deploys something: applications,
 * and anything with deployment files.
 */
function notDeployable(tree: Tree, project: ProjectConfiguration): string | undefined {
  if (/(^|[-/])e2e$/.test(project.name ?? '')) return 'an end-to-end test project';
  if (project.root === '.') return 'the workspace root';
  if (project.projectType === 'application') return undefined;
  if (DEPLOYMENT_FILES.some((f) => tree.exists(joinPathFragments(project.root, f)))) return undefined;
  return 'a library with no deployment files (Dockerfile, k8s/, serverless.yml, vercel.json, ...)';
}

function schemaPath(tree: Tree, projectRoot: string): string {
  const local = 'schemas/deploy-plan.schema.json';
  const target = tree.exists(local) ? local : 'node_modules/@deploy-plan/core/schemas/deploy-plan.schema.json';
  return path.posix.relative(projectRoot, target);
}

/**
 * `nx g @deploy-plan/nx:plan <project>`: writes a deploy-plan.yaml pre-filled from the project's
 * code and files (the same scaffold as `deploy-plan scaffold`). Never replaces a plan without
 * --overwrite; --all covers every deployable project without a plan; --dry-run shows the file.
 */
export async function planGenerator(tree: Tree, options: PlanGeneratorSchema): Promise<void> {
  const projects = getProjects(tree);
  let targets: [string, ProjectConfiguration][];
  if (options.all) {
    targets = [];
    for (const [name, p] of projects) {
      const plan = PLAN_FILE_NAMES.map((n) => joinPathFragments(p.root, n)).find((f) => tree.exists(f));
      const skip = plan ? `it has ${plan}` : notDeployable(tree, p);
      if (skip) logger.info(`deploy-plan: skipped ${name}: ${skip}.`);
      else targets.push([name, p]);
    }
    if (!targets.length) logger.info('deploy-plan: every deployable project already has a plan.');
  } else {
    if (!options.project) throw new Error('Name a project (`nx g @deploy-plan/nx:plan <project>`) or pass --all.');
    const project = projects.get(options.project);
    if (!project) throw new Error(`There is no project named "${options.project}".`);
    targets = [[options.project, project]];
  }
  // Inspection reads the code from disk: generators change files, not the code they inspect.
  const config = resolveConfig(loadConfig(tree.root), []);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiler loads only when the generator runs
  const { inspectCode } = require('@deploy-plan/inspect/code') as typeof import('@deploy-plan/inspect/code');
  for (const [name, project] of targets) {
    const existing = PLAN_FILE_NAMES.map((n) => joinPathFragments(project.root, n)).find((f) => tree.exists(f));
    if (existing && !options.overwrite) {
      if (options.all) continue;
      throw new Error(`${existing} already exists; pass --overwrite to replace it.`);
    }
    const dir = path.join(tree.root, project.root);
    let code: CodeFacts;
    try {
      code = inspectCode(dir, tree.root, { ...config.inspect });
    } catch (error) {
      // One project that inspection cannot read costs that project its facts, not the others.
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      code = {
        routes: [],
        flags: [],
        env: [],
        metrics: [],
        files: [],
        failures: [{ file: project.root, line: 1, column: 1, message }],
      };
    }
    for (const f of code.failures ?? []) {
      logger.warn(
        `deploy-plan: ${f.file}:${f.line}:${f.column}: code inspection failed here (${f.message}); ` +
          'the plan was filled from the rest. Please report it.',
      );
    }
    const scaffold = scaffoldPlan({
      project: name,
      projectRoot: project.root,
      code,
      files: gatherFileFacts(dir, tree.root),
      schemaPath: schemaPath(tree, project.root),
    });
    tree.write(existing ?? joinPathFragments(project.root, 'deploy-plan.yaml'), scaffold.text);
    const [what, ...rest] = describeScaffold(scaffold, project.root);
    logger.info([`deploy-plan: ${name}: ${what}`, ...rest.map((l) => `  ${l}`)].join('\n'));
  }
  await formatWritten(tree);
}

export default planGenerator;
