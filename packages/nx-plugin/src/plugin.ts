import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createNodesFromFiles,
  type CreateNodesContextV2,
  type CreateNodesV2,
  type TargetConfiguration,
} from 'nx/src/devkit-exports';
import { CONFIG_FILE_NAMES, SUPPRESSIONS_FILE, parseYaml, type Severity } from '@deploy-plan/core';

/** Options of the plugin in nx.json (`plugins: [{ plugin: '@deploy-plan/nx', options: {...} }]`). */
export interface DeployPlanPluginOptions {
  /** Name of the inferred target. Default `deploy-plan` (its own target: `lint` would replace ESLint's). */
  targetName?: string;
  /** Plan file names to infer the target from. Default `deploy-plan.yaml` and `deploy-plan.yml`. */
  planFileNames?: string[];
  /** Config file, relative to the workspace root. Default: deploy-plan.config.yaml if present. */
  configPath?: string;
  /** Lowest severity that fails the task. Default: the config's failOn, else critical. */
  failOn?: Severity;
  /**
   * Also write a report file (declared as the target's output),
   * e.g. `{ format: 'sarif', file: 'reports/deploy-plan/{projectName}.sarif' }`.
   */
  report?: { format: string; file: string };
  /** Command that runs the CLI. Default `deploy-plan` (node_modules/.bin is on the task's PATH). */
  command?: string;
  /** More inputs, e.g. the checker's own sources when it is developed in the same workspace. */
  extraInputs?: string[];
}

const PLAN_GLOB = '**/deploy-plan.{yaml,yml}';

function configFileOf(root: string, options: DeployPlanPluginOptions): string | undefined {
  if (options.configPath) return options.configPath;
  return CONFIG_FILE_NAMES.find((name) => fs.existsSync(path.join(root, name)));
}

/** `policyDirs` from the config: extra policies are inputs too. */
function policyDirs(root: string, config: string | undefined): string[] {
  if (!config) return [];
  try {
    const value = parseYaml(fs.readFileSync(path.join(root, config), 'utf8')).value as
      { policyDirs?: unknown } | undefined;
    return Array.isArray(value?.policyDirs) ? value.policyDirs.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
}

/** Every package whose code decides a check's result. */
const CHECKER_PACKAGES = [
  '@deploy-plan/cli',
  '@deploy-plan/core',
  '@deploy-plan/formatters',
  '@deploy-plan/inspect',
  '@deploy-plan/policies',
];

/** The deploy-plan packages installed from the registry (not workspace sources): their versions are inputs. */
function installedPackages(root: string): string[] {
  return CHECKER_PACKAGES.filter((name) => {
    try {
      const dir = path.join(root, 'node_modules', name);
      return !fs.lstatSync(dir).isSymbolicLink() && fs.existsSync(path.join(dir, 'package.json'));
    } catch {
      return false;
    }
  });
}

function targetFor(options: DeployPlanPluginOptions, context: CreateNodesContextV2): TargetConfiguration {
  const root = context.workspaceRoot;
  const namedInputs = context.nxJsonConfiguration.namedInputs ?? {};
  const config = configFileOf(root, options);
  const command = [options.command ?? 'deploy-plan', 'check', '{projectRoot}'];
  if (options.failOn) command.push('--fail-on', options.failOn);
  if (config && options.configPath) command.push('--config', config);
  if (options.report) {
    command.push('--format', 'stylish', '--format', `${options.report.format}=${options.report.file}`);
    // Code scanning keeps one analysis per category: each project's report is its own, so
    // `nx affected` uploads replace only the projects that ran.
    if (options.report.format === 'sarif') command.push('--sarif-category', 'deploy-plan/{projectName}/');
  }
  const external = installedPackages(root);
  const files = 'production' in namedInputs ? 'production' : 'default';
  // Exactly what a check reads, as @nx/eslint declares it: the project's files (the plan, its
  // code, its manifests; tests excluded under `production`), the files of the projects it depends
  // on (code inspection follows imports into libraries), the config, its policy folders and the
  // suppressions file, the installed checker's version, and the date.
  const inputs: TargetConfiguration['inputs'] = [
    files,
    `^${files}`,
    ...(config ? [`{workspaceRoot}/${config}`] : []),
    // The adoption baseline decides which findings fail, so it is read as the config is.
    `{workspaceRoot}/${SUPPRESSIONS_FILE}`,
    ...policyDirs(root, config).map((d) => `{workspaceRoot}/${d.replace(/^\.\//, '').replace(/\/$/, '')}/**/*`),
    ...(external.length ? [{ externalDependencies: external }] : []),
    ...(options.extraInputs ?? []),
    // Waivers expire by date: a cached result is valid for one day.
    { runtime: 'node -e "console.log(new Date().toISOString().slice(0, 10))"' },
  ];
  return {
    command: command.join(' '),
    options: { cwd: '{workspaceRoot}' },
    cache: true,
    inputs,
    outputs: options.report ? [`{workspaceRoot}/${options.report.file}`] : [],
    metadata: {
      technologies: ['deploy-plan'],
      description: 'Checks the deployment plan (deploy-plan.yaml) against the deployment checklist and the code.',
      help: {
        command: `${options.command ?? 'deploy-plan'} check --help`,
        example: { options: { 'fail-on': 'important' } },
      },
    },
  };
}

function createNodesForPlan(
  planFile: string,
  options: DeployPlanPluginOptions | undefined,
  context: CreateNodesContextV2,
) {
  const opts = options ?? {};
  const names = opts.planFileNames ?? ['deploy-plan.yaml', 'deploy-plan.yml'];
  if (!names.includes(path.basename(planFile))) return {};
  const projectRoot = path.dirname(planFile);
  // Only folders that are projects already (project.json or package.json): a plan never creates a project.
  const dir = path.join(context.workspaceRoot, projectRoot);
  if (!fs.existsSync(path.join(dir, 'project.json')) && !fs.existsSync(path.join(dir, 'package.json'))) return {};
  return {
    projects: {
      [projectRoot]: {
        targets: { [opts.targetName ?? 'deploy-plan']: targetFor(opts, context) },
      },
    },
  };
}

/** Infers a cacheable `deploy-plan` target for every project that has a plan. */
export const createNodesV2: CreateNodesV2<DeployPlanPluginOptions> = [
  PLAN_GLOB,
  (planFiles, options, context) => createNodesFromFiles(createNodesForPlan, planFiles, options ?? {}, context),
];

/** Nx 22 reads `createNodes` in the v2 shape too. */
export const createNodes = createNodesV2;
