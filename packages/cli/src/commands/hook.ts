import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { addToHook, detectHookSetup } from '../hooks/pre-commit';
import { EXIT, UsageError, type CliIo } from '../io';
import { writeAtomically } from '../scaffold';

/**
 * `deploy-plan hook install`: adds `deploy-plan check --staged` to the repository's pre-commit
 * hook. Husky and lefthook setups are extended; otherwise the git hook is (extended or) written.
 * Never removes what a hook already runs; running it twice changes nothing.
 */
export function hookCommand(io: CliIo, setExit: (code: number) => void): Command {
  const hook = new Command('hook').description('Manage the pre-commit hook that checks staged plans.');
  hook
    .command('install')
    .description('Add `deploy-plan check --staged` to the pre-commit hook (husky, lefthook or .git/hooks).')
    .action(() => {
      let top: string;
      let hooksDir: string;
      try {
        top = execFileSync('git', ['rev-parse', '--show-toplevel'], {
          cwd: io.cwd,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        }).trim();
        hooksDir = path.resolve(
          top,
          execFileSync('git', ['rev-parse', '--git-path', 'hooks'], {
            cwd: top,
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
          }).trim(),
        );
      } catch {
        throw new UsageError('Not a git repository: there is no pre-commit hook to install into.');
      }
      const setup = detectHookSetup({
        exists: (p) => fs.existsSync(path.join(top, p)),
        read: (p) => {
          try {
            return fs.readFileSync(path.join(top, p), 'utf8');
          } catch {
            return undefined;
          }
        },
      });
      // Worktrees and core.hooksPath move the git hooks folder; git knows where.
      const file = setup.kind === 'git' ? path.join(hooksDir, 'pre-commit') : path.join(top, setup.file);
      const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
      const edit = addToHook(setup, current);
      const shown = path.relative(io.cwd, file) || file;
      if (!edit.changed) {
        io.stderr(`${edit.reason.replace(setup.file, shown)}; nothing to do.\n`);
      } else {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        writeAtomically(file, edit.content);
        if (edit.executable) fs.chmodSync(file, 0o755);
        const verb = current === undefined ? 'Wrote' : 'Extended';
        io.stderr(`${verb} ${shown} (${setup.kind}): commits now check the plans of the projects they touch.\n`);
      }
      setExit(EXIT.ok);
    });
  return hook;
}
