import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, Option } from 'commander';
import {
  findWorkspaceRoot,
  loadConfig,
  parseYaml,
  resolveConfig,
  knownTargets,
  type CodeFacts,
  type FileFacts,
} from '@deploy-plan/core';
import { EXIT, UsageError, type CliIo } from '../io';

function table(rows: string[][]): string {
  if (!rows.length) return '  (none)\n';
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return (
    rows
      .map((r) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')}`.trimEnd())
      .join('\n') + '\n'
  );
}

function human(code: CodeFacts, files: FileFacts, targets: ReturnType<typeof knownTargets>): string {
  const out: string[] = [];
  out.push(`Routes (${code.routes.length})\n`);
  out.push(
    table(
      code.routes.map((r) => [
        r.method,
        r.path,
        r.confidence,
        r.check ? `${r.check}: ${r.checkReason}` : '',
        `${r.file}:${r.line}`,
      ]),
    ),
  );
  out.push(`\nFeature flags (${code.flags.length})\n`);
  out.push(table(code.flags.map((f) => [f.key, f.provider, f.guard, `${f.file}:${f.line}`])));
  out.push(`\nEnvironment variables (${code.env.length})\n`);
  out.push(table(code.env.map((e) => [e.name, `${e.file}:${e.line}`])));
  out.push(`\nMetrics (${code.metrics.length})\n`);
  out.push(table(code.metrics.map((m) => [m.name, m.type, `${m.file}:${m.line}`])));
  out.push('\nProject files\n');
  out.push(
    table([
      [
        'package.json scripts',
        Object.keys(files.packageJson?.scripts ?? files.workspaceScripts ?? {}).join(', ') || '-',
      ],
      [
        'Nx targets',
        (targets.targets.join(', ') || '-') +
          (targets.complete ? '' : ' (and those Nx plugins infer: run any nx command once to list them)'),
      ],
      [
        'Dockerfiles',
        files.dockerfiles
          .map((d) => `${d.file}${d.healthcheck?.path ? ` (HEALTHCHECK ${d.healthcheck.path})` : ''}`)
          .join(', ') || '-',
      ],
      [
        'Kubernetes',
        files.kubernetes
          .map((k) => {
            const probes = k.probes.map((p) => `${p.kind} ${p.path ?? '?'}`).join(', ');
            return `${k.kind}/${k.name}${k.probes.length ? ` (${probes})` : ''}`;
          })
          .join(', ') || '-',
      ],
      ['compose', files.compose.map((c) => c.service).join(', ') || '-'],
      ['serverless / PaaS', files.serverless.map((s) => `${s.kind} (${s.file})`).join(', ') || '-'],
      ['migrations', files.migrations.map((m) => `${m.tool}: ${m.count} in ${m.directory}`).join(', ') || '-'],
      ['CI', [...new Set(files.ci.map((c) => c.system))].join(', ') || '-'],
    ]),
  );
  out.push(
    code.files.length
      ? `\n${code.files.length} source files inspected.\n`
      : '\nNo source file inspected: no TypeScript or JavaScript outside the folders skipped as build output ' +
          'or dependencies (node_modules, dist, build, out, coverage, .next).\n',
  );
  const unknown = code.unknowns?.routeSites ?? [];
  if (unknown.length)
    out.push(
      `Routes registered in ways not understood: ${unknown.length} call site(s), e.g. ${unknown
        .slice(0, 3)
        .map((s) => `${s.file}:${s.line}`)
        .join(', ')}.\n`,
    );
  if (code.unknowns?.omittedFiles)
    out.push(`${code.unknowns.omittedFiles} source file(s) left out: the project is over the file cap.\n`);
  return out.join('');
}

function emptyFileFacts(root: string): FileFacts {
  return { root, dockerfiles: [], compose: [], kubernetes: [], ci: [], serverless: [], migrations: [], targets: [] };
}

export function inspectCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('inspect')
    .description(
      "Show what the checker believes about a project's code and files: routes, flags, env, metrics, probes.",
    )
    .argument('<project-dir>', 'the project folder (any folder; a plan is not needed)')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['table', 'json']).default('table'))
    .option('--root <dir>', 'workspace root (default: nearest folder with nx.json or .git)')
    .option('--no-cache', 'ignore and do not write the facts cache')
    .action((dir: string, flags: { format: string; root?: string; cache: boolean }) => {
      const projectDir = path.resolve(io.cwd, dir);
      if (!fs.existsSync(projectDir) || !fs.statSync(projectDir).isDirectory())
        throw new UsageError(`Not a folder: ${dir}`);
      const root = flags.root ? path.resolve(io.cwd, flags.root) : findWorkspaceRoot(projectDir);
      const config = resolveConfig(loadConfig(root), []);
      // Flags the plan declares as env variables are reported as flags whatever their name.
      let envFlags: string[] = [];
      for (const name of ['deploy-plan.yaml', 'deploy-plan.yml']) {
        try {
          const plan = parseYaml(fs.readFileSync(path.join(projectDir, name), 'utf8')).value as
            { featureFlags?: { env?: unknown }[] } | undefined;
          envFlags = (plan?.featureFlags ?? []).flatMap((f) => (typeof f?.env === 'string' ? [f.env] : []));
          break;
        } catch {
          // no plan: fine
        }
      }
      /* eslint-disable @typescript-eslint/no-require-imports -- inspection loads only when the command runs */
      const { inspectCode } = require('@deploy-plan/inspect/code') as typeof import('@deploy-plan/inspect/code');
      const { gatherFileFacts, readNxGraph } = require('@deploy-plan/inspect') as typeof import('@deploy-plan/inspect');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const project = path.relative(root, projectDir).split(path.sep).join('/') || '.';
      const failed = (error: unknown) => ({
        file: project,
        line: 1,
        column: 1,
        message: String(error instanceof Error ? error.message : error).split('\n')[0],
      });
      let code: CodeFacts;
      try {
        code = inspectCode(projectDir, root, {
          ...config.inspect,
          envFlags,
          cacheDir: flags.cache ? undefined : false,
        });
      } catch (error) {
        code = { routes: [], flags: [], env: [], metrics: [], files: [], failures: [failed(error)] };
      }
      let files: FileFacts;
      try {
        files = gatherFileFacts(projectDir, root);
      } catch (error) {
        files = emptyFileFacts(project);
        code.failures = [...(code.failures ?? []), failed(error)];
      }
      const failures = code.failures ?? [];
      const targets = knownTargets(files, readNxGraph(root));
      if (flags.format === 'json') {
        const report = {
          project,
          routes: code.routes,
          flags: code.flags,
          env: code.env,
          metrics: code.metrics,
          files,
          targets,
          sources: code.files,
          failures,
          unknowns: code.unknowns,
        };
        io.stdout(JSON.stringify(report, null, 2) + '\n');
      } else io.stdout(human(code, files, targets));
      for (const f of failures)
        io.stderr(`${f.file}:${f.line}:${f.column}: code inspection failed here (${f.message}); please report it.\n`);
      setExit(EXIT.ok);
    });
}
