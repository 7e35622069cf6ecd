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
 * Never removes what a hook already runs; running it twice changes nothing. Says what it changed,
 * naming files from the repository root. A hook it cannot extend safely (not a shell script, say)
 * is left alone with a usage error (exit 2) that says what to add by hand.
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
      const exists = fs.existsSync(file);
      // A linked hook (a symlink into the repository, say) is edited where it points: replacing
      // the link with a file would leave the file it points to behind.
      const linked = exists && fs.lstatSync(file).isSymbolicLink();
      const target = linked ? fs.realpathSync(file) : file;
      const shown = linked ? `${fromRoot(top, target)} (linked from ${fromRoot(top, file)})` : fromRoot(top, file);
      const mode = exists ? fs.statSync(target).mode & 0o7777 : undefined;
      const current = exists ? fs.readFileSync(target, 'utf8') : undefined;
      const edit = addToHook({ ...setup, file: shown }, current);
      if (!edit.changed) {
        if (edit.refused) throw new UsageError(edit.reason);
        io.stderr(`${edit.reason}\n`);
      } else {
        try {
          writeAtomically(target, edit.content);
        } catch (error) {
          if (error instanceof UsageError) throw new UsageError(error.message.replace(target, shown));
          throw error;
        }
        // The new file replaced the old one: an existing hook gets its mode back, a new one is executable.
        if (mode !== undefined) fs.chmodSync(target, mode);
        else if (edit.executable) fs.chmodSync(target, 0o755);
        io.stderr(`${edit.message}\n`);
      }
      if (setup.kind === 'git' && mode !== undefined && (mode & 0o111) === 0 && process.platform !== 'win32') {
        const name = fromRoot(top, file);
        io.stderr(
          `Note: ${name} is not executable, so git does not run it; make it executable with \`chmod +x ${name}\`.\n`,
        );
      }
      setExit(EXIT.ok);
    });
  return hook;
}

/** A file's path from the repository root (with `/`), or its full path when it is outside the repository. */
function fromRoot(top: string, file: string): string {
  const relative = path.relative(top, file);
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return relative && !outside ? relative.split(path.sep).join('/') : file;
}
