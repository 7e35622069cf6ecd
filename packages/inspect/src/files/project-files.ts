import * as path from 'node:path';
import { parseYaml, type FileFacts } from '@deploy-plan/core';
import { parseDockerfile } from './dockerfile';
import { parseManifests } from './manifests';
import { lineAt, listDir, posix, readText, walkFiles } from './read';

const MANIFEST_DIRS = ['k8s', 'kubernetes', 'deploy', 'deployment', 'manifests', 'kustomize', 'helm', 'charts', 'infra'];
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

function packageJson(dir: string): FileFacts['packageJson'] {
  const text = readText(path.join(dir, 'package.json'));
  if (!text) return undefined;
  try {
    const pkg = JSON.parse(text) as { name?: string; scripts?: Record<string, string>; dependencies?: object; devDependencies?: object; bin?: unknown };
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

function projectTargets(dir: string, scripts: Record<string, string>): string[] {
  const targets = new Set(Object.keys(scripts));
  const text = readText(path.join(dir, 'project.json'));
  if (text) {
    try {
      for (const name of Object.keys((JSON.parse(text) as { targets?: object }).targets ?? {})) targets.add(name);
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
    const healthcheck = Array.isArray(test) ? test.filter((t) => t !== 'CMD' && t !== 'CMD-SHELL').join(' ') : typeof test === 'string' ? test : undefined;
    const at = parsed.locate(`/services/${service}`);
    return { file: rel, service, healthcheck, line: lineAt(text, at?.key?.start ?? 0) };
  });
}

function migrationFacts(dir: string, root: string, dependencies: string[]): FileFacts['migrations'] {
  const out: FileFacts['migrations'] = [];
  const count = (d: string, re: RegExp) => walkFiles(d, 3, (n) => re.test(n)).length;
  const rel = (d: string) => posix(path.relative(root, d));
  if (readText(path.join(dir, 'prisma', 'schema.prisma')) !== undefined) {
    out.push({ tool: 'prisma', directory: rel(path.join(dir, 'prisma', 'migrations')), count: count(path.join(dir, 'prisma', 'migrations'), /^migration\.sql$/) });
  }
  for (const name of ['migrations', 'migration', 'db/migrations', 'src/migrations', 'src/db/migrations', 'database/migrations']) {
    const d = path.join(dir, name);
    const n = count(d, /\.(sql|[cm]?[jt]s)$/);
    if (!n) continue;
    const tool = listDir(dir).some((e) => /^knexfile\./.test(e.name))
      ? 'knex'
      : dependencies.includes('typeorm')
        ? 'typeorm'
        : dependencies.includes('drizzle-orm')
          ? 'drizzle'
          : dependencies.includes('sequelize')
            ? 'sequelize'
            : walkFiles(d, 1, (f) => f.endsWith('.sql')).length
              ? 'sql'
              : 'other';
    out.push({ tool, directory: rel(d), count: n });
  }
  return out;
}

/**
 * What the project's own files say about how it is built, run and deployed: package.json
 * scripts and dependencies, Nx targets, Dockerfiles, compose files, Kubernetes manifests and
 * their probes, CI files, serverless/PaaS config and migration folders. Plain parsing; no code.
 */
export function gatherFileFacts(projectDir: string, root: string): FileFacts {
  const rel = (file: string) => posix(path.relative(root, file));
  const pkg = packageJson(projectDir);
  const entries = listDir(projectDir);
  const names = new Set(entries.map((e) => e.name));

  const dockerfiles = walkFiles(projectDir, 2, (n) => n === 'Dockerfile' || /^Dockerfile\.|\.Dockerfile$/.test(n)).map((file) => {
    const facts = parseDockerfile(readText(file) ?? '');
    return { file: rel(file), ...facts };
  });

  const compose = walkFiles(projectDir, 1, (n) => /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(n)).flatMap((f) => composeFacts(f, rel(f)));

  const manifestFiles = [
    ...MANIFEST_DIRS.flatMap((d) => walkFiles(path.join(projectDir, d), 4, (n) => /\.ya?ml$/.test(n))),
    ...walkFiles(projectDir, 0, (n) => /^(deployment|rollout|k8s|service)\.ya?ml$/.test(n)),
  ];
  const kubernetes = manifestFiles.flatMap((file) => parseManifests(readText(file) ?? '').map((w) => ({ file: rel(file), ...w })));

  const ci: FileFacts['ci'] = [];
  for (const base of new Set([projectDir, root])) {
    for (const wf of walkFiles(path.join(base, '.github', 'workflows'), 0, (n) => /\.ya?ml$/.test(n))) ci.push({ file: rel(wf), system: 'github-actions' });
    for (const [file, system] of [['.gitlab-ci.yml', 'gitlab-ci'], ['Jenkinsfile', 'jenkins'], ['.circleci/config.yml', 'circleci'], ['azure-pipelines.yml', 'azure-pipelines'], ['bitbucket-pipelines.yml', 'bitbucket']]) {
      if (readText(path.join(base, file)) !== undefined) ci.push({ file: rel(path.join(base, file)), system });
    }
  }

  const serverless = Object.entries(SERVERLESS_FILES)
    .filter(([file]) => names.has(file))
    .map(([file, kind]) => ({ file: rel(path.join(projectDir, file)), kind }));
  for (const chart of walkFiles(projectDir, 3, (n) => n === 'Chart.yaml')) {
    if (!serverless.some((s) => s.file === rel(chart))) serverless.push({ file: rel(chart), kind: 'helm' });
  }

  return {
    root: rel(projectDir) || '.',
    packageJson: pkg,
    dockerfiles,
    compose,
    kubernetes,
    ci,
    serverless,
    migrations: migrationFacts(projectDir, root, pkg?.dependencies ?? []),
    targets: projectTargets(projectDir, pkg?.scripts ?? {}),
  };
}
