import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { findWorkspaceRoot, PLAN_FILE_NAMES } from '@deploy-plan/core';
import { EXIT, UsageError, type CliIo } from '../io';
import { scaffoldProject, scaffoldSummary, writeAtomically } from '../scaffold';

export function scaffoldCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('scaffold')
    .description(
      'Write a deploy-plan.yaml for a project, pre-filled from its code and files; the ' +
        'rest is marked TODO(deploy-plan).',
    )
    .argument('<project-dir>', 'the project folder')
    .option('--project <name>', 'Nx project name (default: project.json, package.json or the folder name)')
    .option('--root <dir>', 'workspace root (default: nearest folder with nx.json or .git)')
    .option('--overwrite', 'replace an existing plan')
    .option('--dry-run', 'print the plan instead of writing it')
    .option('--no-cache', 'do not read or write the code-facts cache')
    .action(
      (
        dir: string,
        flags: { project?: string; root?: string; overwrite?: boolean; dryRun?: boolean; cache: boolean },
      ) => {
        const projectDir = path.resolve(io.cwd, dir);
        if (!fs.existsSync(projectDir) || !fs.statSync(projectDir).isDirectory())
          throw new UsageError(`Not a folder: ${dir}`);
        const root = flags.root ? path.resolve(io.cwd, flags.root) : findWorkspaceRoot(projectDir);
        const existing = PLAN_FILE_NAMES.map((n) => path.join(projectDir, n)).find((f) => fs.existsSync(f));
        if (existing && !flags.overwrite && !flags.dryRun) {
          throw new UsageError(`${path.relative(io.cwd, existing)} already exists; pass --overwrite to replace it.`);
        }
        const scaffold = scaffoldProject(root, projectDir, flags.project, { cache: flags.cache });
        for (const f of scaffold.failures) {
          io.stderr(
            `${f.file}:${f.line}:${f.column}: code inspection failed here (${f.message}); ` +
              'the plan was filled from the other files. Please report it.\n',
          );
        }
        if (flags.dryRun) {
          io.stdout(scaffold.text);
        } else {
          const target = existing ?? path.join(projectDir, 'deploy-plan.yaml');
          writeAtomically(target, scaffold.text);
          const checkDir = path.relative(io.cwd, projectDir) || '.';
          const [what, ...rest] = scaffoldSummary(scaffold, checkDir);
          io.stderr([`Wrote ${path.relative(io.cwd, target)}: ${what}`, ...rest.map((l) => `  ${l}`), ''].join('\n'));
        }
        setExit(EXIT.ok);
      },
    );
}
