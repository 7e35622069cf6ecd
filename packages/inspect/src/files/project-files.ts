import * as path from 'node:path';
import { parseYaml, readSourceFile, type FileFacts } from '@deploy-plan/core';
import { parseDockerfile } from './dockerfile';
import { readInfrastructure } from './infrastructure';
import { parseManifests } from './manifests';
import { listDir, listFiles, posix, positionAt } from './read';

/** Project files are small; anything larger is not what we are looking for. */
const MAX_BYTES = 1024 * 1024;

/** Reads a text file, or undefined when it is missing, unreadable, not text or too large. */
function readText(file: string): string | undefined {
  const read = readSourceFile(file, MAX_BYTES);
  return read.ok && !read.text.includes('\0') ? read.text : undefined;
}

const MANIFEST_DIRS = [
  'k8s',
  'kubernetes',
  'deploy',
  'deployment',
  'manifests',
  'kustomize',
  'helm',
  'charts',
  'infra',
];
const SERVERLESS_FILES: Record<string, string> = {
  'serverless.yml': 'serverless',
  'serverless.yaml': 'serverless',
  'vercel.json': 'vercel',
  'netlify.toml': 'netlify',
  'wrangler.toml': 'cloudflare-workers',
  'app.yaml': 'app-engine',
  'fly.toml': 'fly',
  'render.yaml': 'render',
  Procfile: 'procfile',
  'ecosystem.config.js': 'pm2',
  'ecosystem.config.cjs': 'pm2',
  'template.yaml': 'aws-sam',
  'Chart.yaml': 'helm',
};

function packageJson(text: string | undefined): FileFacts['packageJson'] {
  if (!text) return undefined;
  try {
    const pkg = JSON.parse(text) as {
      name?: string;
      scripts?: Record<string, string>;
      dependencies?: object;
      devDependencies?: object;
      bin?: unknown;
    };
    return {
      name: pkg.name,
      scripts: pkg.scripts && typeof pkg.scripts === 'object' ? { ...pkg.scripts } : {},
      dependencies: [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})].sort(),
      bin: Boolean(pkg.bin),
    };
  } catch {
    return undefined;
  }
}

function projectTargets(projectJson: string | undefined, scripts: Record<string, string>): string[] {
  const targets = new Set(Object.keys(scripts));
  if (projectJson) {
    try {
      for (const name of Object.keys((JSON.parse(projectJson) as { targets?: object }).targets ?? {}))
        targets.add(name);
    } catch {
      // an invalid project.json is Nx's to report
    }
  }
  return [...targets].sort();
}

function composeFacts(file: string, rel: string): FileFacts['compose'] {
  const text = readText(file);
  if (!text) return [];
  const parsed = parseYaml(text);
  const services = parsed.value?.services as Record<string, Record<string, unknown>> | undefined;
  if (!services || typeof services !== 'object') return [];
  return Object.entries(services).map(([service, def]) => {
    const test = (def?.healthcheck as Record<string, unknown> | undefined)?.test;
    const healthcheck = Array.isArray(test)
      ? test.filter((t) => t !== 'CMD' && t !== 'CMD-SHELL').join(' ')
      : typeof test === 'string'
        ? test
        : undefined;
    const at = parsed.locate(`/services/${service}`);
    return { file: rel, service, healthcheck, ...positionAt(text, at?.key?.start ?? 0) };
  });
}

const MIGRATION_DIRS = [
  'migrations',
  'migration',
  'db/migrations',
  'src/migrations',
  'src/db/migrations',
  'database/migrations',
];

/** Paths that can make migration facts: a Prisma schema, or a file in one of MIGRATION_DIRS. */
const MAYBE_MIGRATION = /^(prisma\/schema\.prisma$|((src\/|db\/|src\/db\/|database\/)?migrations?\/))/;

function migrationFacts(
  files: readonly string[],
  toRoot: (rel: string) => string,
  dependencies: string[],
): FileFacts['migrations'] {
  const out: FileFacts['migrations'] = [];
  if (!files.some((f) => MAYBE_MIGRATION.test(f))) return out;
  if (files.includes('prisma/schema.prisma')) {
    out.push({
      tool: 'prisma',
      directory: toRoot('prisma/migrations'),
      count: files.filter((f) => f.startsWith('prisma/migrations/') && f.endsWith('/migration.sql')).length,
    });
  }
  for (const dir of MIGRATION_DIRS) {
    const inside = files.filter((f) => f.startsWith(`${dir}/`) && /\.(sql|[cm]?[jt]s)$/.test(f));
    if (!inside.length) continue;
    const tool = files.some((f) => /^knexfile\./.test(f))
      ? 'knex'
      : dependencies.includes('typeorm')
        ? 'typeorm'
        : dependencies.includes('drizzle-orm')
          ? 'drizzle'
          : dependencies.includes('sequelize')
            ? 'sequelize'
            : inside.some((f) => f.endsWith('.sql'))
              ? 'sql'
              : 'other';
    out.push({ tool, directory: toRoot(dir), count: inside.length });
  }
  return out;
}

const CI_FILES: [RegExp, string][] = [
  [/^\.github\/workflows\/[^/]+\.ya?ml$/, 'github-actions'],
  [/^\.gitlab-ci\.yml$/, 'gitlab-ci'],
  [/^Jenkinsfile$/, 'jenkins'],
  [/^\.circleci\/config\.yml$/, 'circleci'],
  [/^azure-pipelines\.yml$/, 'azure-pipelines'],
  [/^bitbucket-pipelines\.yml$/, 'bitbucket'],
];

/** Paths that can be CI files (every CI_FILES pattern starts so): most project files are not. */
const MAYBE_CI = /^(\.|Jenkinsfile$|azure-pipelines\.yml$|bitbucket-pipelines\.yml$)/;

/** CI files among `files` (the workspace root's are shared by every project). */
function ciFiles(files: readonly string[], toRoot: (rel: string) => string): FileFacts['ci'] {
  const out: FileFacts['ci'] = [];
  for (const f of files) {
    if (!MAYBE_CI.test(f)) continue;
    for (const [re, system] of CI_FILES) if (re.test(f)) out.push({ file: toRoot(f), system });
  }
  return out;
}

const rootCi = new Map<string, FileFacts['ci']>();

function workspaceCi(root: string): FileFacts['ci'] {
  let cached = rootCi.get(root);
  if (!cached) {
    const files = [
      ...listDir(path.join(root, '.github', 'workflows'))
        .filter((e) => e.isFile())
        .map((e) => `.github/workflows/${e.name}`),
      ...listDir(root)
        .filter((e) => e.isFile())
        .map((e) => e.name),
      ...(listDir(path.join(root, '.circleci')).some((e) => e.name === 'config.yml') ? ['.circleci/config.yml'] : []),
    ];
    cached = ciFiles(files, (f) => f);
    rootCi.set(root, cached);
  }
  return cached;
}

/** What the workspace root says once per run: nx.json's plugins and the root package.json's scripts. */
const rootFacts = new Map<string, { nxPlugins: boolean; scripts?: Record<string, string> }>();

function workspaceFacts(root: string): { nxPlugins: boolean; scripts?: Record<string, string> } {
  let cached = rootFacts.get(root);
  if (!cached) {
    let nxPlugins = false;
    try {
      const nx = JSON.parse(readText(path.join(root, 'nx.json')) ?? '{}') as { plugins?: unknown };
      nxPlugins = Array.isArray(nx.plugins) && nx.plugins.length > 0;
    } catch {
      // an unreadable nx.json: no plugins known
    }
    cached = { nxPlugins, scripts: packageJson(readText(path.join(root, 'package.json')))?.scripts };
    rootFacts.set(root, cached);
  }
  return cached;
}

/** Prometheus rule files and flag definitions outside the manifest folders. */
const INFRASTRUCTURE_RE = new RegExp(
  [
    String.raw`(^|/)[\w.-]*rules?\.ya?ml$`,
    String.raw`(^|/)[\w.-]*(flagd|flags|features|unleash|growthbook|launchdarkly)[\w.-]*\.json$`,
    String.raw`^(prometheus|alerts|monitoring|flagd|flags)/.*\.(ya?ml|json)$`,
  ].join('|'),
);

/** Test fixtures are not the project's configuration. */
const TEST_FILES = /(^|\/)(__tests__|__fixtures__|fixtures|test|tests|e2e)\//;

const MANIFEST_RE = new RegExp(`^(${MANIFEST_DIRS.join('|')})/.*\\.ya?ml$|^(deployment|rollout|k8s|service)\\.ya?ml$`);

/**
 * What the project's own files say about how it is built, run and deployed: package.json
 * scripts and dependencies, Nx targets, Dockerfiles, compose files, Kubernetes manifests and
 * their probes, CI files, serverless/PaaS config and migration folders. Plain parsing; no code.
 * The project folder is listed once; only the files that matter are read.
 */
export function gatherFileFacts(projectDir: string, root: string): FileFacts {
  const files = listFiles(projectDir, 5);
  const prefix = posix(path.relative(root, projectDir));
  const toRoot = (rel: string) => (prefix ? `${prefix}/${rel}` : rel);
  const abs = (rel: string) => path.join(projectDir, rel);
  const has = new Set(files);
  const pkg = packageJson(has.has('package.json') ? readText(abs('package.json')) : undefined);

  const dockerfiles = files
    .filter((f) => f.split('/').length <= 3 && /(^|\/)(Dockerfile(\.[\w.-]+)?|[\w.-]+\.Dockerfile)$/.test(f))
    .map((f) => ({ file: toRoot(f), ...parseDockerfile(readText(abs(f)) ?? '') }));

  const compose = files
    .filter((f) => /^([^/]+\/)?(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(f))
    .flatMap((f) => composeFacts(abs(f), toRoot(f)));

  const manifests = files.filter((f) => MANIFEST_RE.test(f)).map((f) => ({ f, text: readText(abs(f)) ?? '' }));
  const kubernetes = manifests.flatMap(({ f, text }) => parseManifests(text).map((w) => ({ file: toRoot(f), ...w })));
  const infrastructure = readInfrastructure([
    ...manifests.map(({ f, text }) => ({ file: toRoot(f), text })),
    ...files
      .filter((f) => !MANIFEST_RE.test(f) && INFRASTRUCTURE_RE.test(f) && !TEST_FILES.test(f))
      .map((f) => ({ file: toRoot(f), text: readText(abs(f)) ?? '' })),
  ]);

  const ci = [...ciFiles(files, toRoot), ...(prefix ? workspaceCi(root) : [])];

  const serverless = Object.entries(SERVERLESS_FILES)
    .filter(([file]) => has.has(file))
    .map(([file, kind]) => ({ file: toRoot(file), kind }));
  for (const chart of files.filter((f) => /(^|\/)Chart\.yaml$/.test(f) && f !== 'Chart.yaml'))
    serverless.push({ file: toRoot(chart), kind: 'helm' });

  const workspace = workspaceFacts(root);
  return {
    root: prefix || '.',
    packageJson: pkg,
    ...(!pkg && prefix && workspace.scripts ? { workspaceScripts: workspace.scripts } : {}),
    nxPlugins: workspace.nxPlugins,
    dockerfiles,
    compose,
    kubernetes,
    ci,
    serverless,
    migrations: migrationFacts(files, toRoot, pkg?.dependencies ?? []),
    ...(Object.values(infrastructure).some((found: unknown[]) => found.length) ? { infrastructure } : {}),
    targets: projectTargets(has.has('project.json') ? readText(abs('project.json')) : undefined, pkg?.scripts ?? {}),
  };
}
