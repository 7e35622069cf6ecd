import * as path from 'node:path';
import { getProjects, joinPathFragments, logger, type ProjectConfiguration, type Tree } from '@nx/devkit';
import { loadConfig, PLAN_FILE_NAMES, resolveConfig, type CodeFacts } from '@deploy-plan/core';
import { gatherFileFacts } from '@deploy-plan/inspect';
import { scaffoldPlan } from '@deploy-plan/inspect/scaffold';
import type { PlanGeneratorSchema } from './schema';

/** Projects that deploy something: applications, and anything with deployment files. */
function isDeployable(tree: Tree, project: ProjectConfiguration): boolean {
  if (/(^|[-/])e2e$/.test(project.name ?? '') || project.root === '.') return false;
  if (project.projectType === 'application') return true;
  return [
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
  ].some((f) => tree.exists(joinPathFragments(project.root, f)));
}

function schemaPath(tree: Tree, projectRoot: string): string {
  const local = 'schemas/deploy-plan.schema.json';
  const target = tree.exists(local) ? local : 'node_modules/@deploy-plan/core/schemas/deploy-plan.schema.json';
  return path.posix.relative(projectRoot, target);
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `nx g @deploy-plan/nx:plan <project>`: writes a deploy-plan.yaml pre-filled from the project's
 * code and files (the same scaffold as `deploy-plan scaffold`). Never replaces a plan without
 * --overwrite; --all covers every deployable project without a plan; --dry-run shows the file.
 */
export function planGenerator(tree: Tree, options: PlanGeneratorSchema): void {
  const projects = getProjects(tree);
  let targets: [string, ProjectConfiguration][];
  if (options.all) {
    targets = [...projects].filter(
      ([, p]) => isDeployable(tree, p) && !PLAN_FILE_NAMES.some((n) => tree.exists(joinPathFragments(p.root, n))),
    );
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
    const { routes, flags, env } = scaffold.found;
    const found = [count(routes.length, 'route'), count(flags.length, 'flag'), count(env.length, 'env variable')];
    logger.info(
      `deploy-plan: ${name}: ${scaffold.codeTypes.join(', ')} code deployed with ${scaffold.method}; ` +
        `${found.join(', ')} found. Answer every TODO(deploy-plan).`,
    );
  }
}

export default planGenerator;
