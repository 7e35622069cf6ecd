import { Command, CommanderError } from 'commander';
import { describeThrown, excerpt } from '@deploy-plan/core';
import { oneLine } from '@deploy-plan/formatters';
import { checkCommand } from './commands/check';
import { explainCommand, policiesCommand } from './commands/explain';
import { inspectCommand } from './commands/inspect';
import { scaffoldCommand } from './commands/scaffold';
import { hookCommand } from './commands/hook';
import { EXIT, UsageError, processIo, type CliIo } from './io';
import { renderCommand } from './commands/render';
import { VERSION } from './version';

export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('deploy-plan')
    .description('Policy-as-code checks for deploy-plan.yaml files in Nx monorepos.')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  program.addCommand(checkCommand(io, setExit));
  program.addCommand(explainCommand(io, setExit));
  program.addCommand(policiesCommand(io, setExit));
  program.addCommand(inspectCommand(io, setExit));
  program.addCommand(renderCommand(io, setExit));
  program.addCommand(scaffoldCommand(io, setExit));
  program.addCommand(hookCommand(io, setExit));
  const configure = (command: Command) => {
    command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    command.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}

/**
 * Runs the CLI and returns its exit code. Never throws: usage errors print one line, and an
 * unexpected error prints a short message (the stack only with DEPLOY_PLAN_DEBUG=1).
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exit: number = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exit = code;
  });
  if (!argv.length) {
    io.stderr(program.helpInformation());
    return EXIT.error;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other parse problem is a usage error.
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
        ? EXIT.ok
        : EXIT.error;
    }
    if (error instanceof UsageError) {
      io.stderr(`deploy-plan: ${error.message}\n`);
      return EXIT.error;
    }
    // Its first line, cut and on one line: an error's message may quote input at any length.
    io.stderr(`deploy-plan: internal error: ${oneLine(excerpt(describeThrown(error), 300))}\n`);
    if (io.env.DEPLOY_PLAN_DEBUG) io.stderr(`${error instanceof Error ? error.stack : ''}\n`);
    else
      io.stderr('Run again with DEPLOY_PLAN_DEBUG=1 for details, and please report it with the plan that caused it.\n');
    return EXIT.error;
  }
}
