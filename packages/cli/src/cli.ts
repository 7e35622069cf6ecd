import { Command, CommanderError } from 'commander';
import { describeThrown, excerpt } from '@deploy-plan/core';
import { oneLine } from '@deploy-plan/formatters/formats';
import { EXIT, UsageError, processIo, type CliIo } from './io';
import { VERSION } from './version';

type CommandFactory = (io: CliIo, setExit: (code: number) => void) => Command;

/* eslint-disable @typescript-eslint/no-require-imports -- a command's module loads only when it runs */
/** The commands in the order help lists them; each module loads only when its command runs. */
const COMMANDS: Record<string, () => CommandFactory> = {
  check: () => (require('./commands/check') as typeof import('./commands/check')).checkCommand,
  explain: () => (require('./commands/explain') as typeof import('./commands/explain')).explainCommand,
  policies: () => (require('./commands/explain') as typeof import('./commands/explain')).policiesCommand,
  inspect: () => (require('./commands/inspect') as typeof import('./commands/inspect')).inspectCommand,
  render: () => (require('./commands/render') as typeof import('./commands/render')).renderCommand,
  scaffold: () => (require('./commands/scaffold') as typeof import('./commands/scaffold')).scaffoldCommand,
  hook: () => (require('./commands/hook') as typeof import('./commands/hook')).hookCommand,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The program. Given the arguments, it defines only the command they name (the others' modules
 * stay unloaded); without them, or when they name no command (help, a typo), it defines all.
 */
export function buildProgram(io: CliIo, setExit: (code: number) => void, argv: readonly string[] = []): Command {
  const program = new Command('deploy-plan')
    .description('Policy-as-code checks for deploy-plan.yaml files in Nx monorepos.')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  const named = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? [argv[0]] : Object.keys(COMMANDS);
  for (const name of named) program.addCommand(COMMANDS[name]()(io, setExit));
  const configure = (command: Command) => {
    command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    command.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}

const REINSTALL = 'in the deploy-plan repository, run `npm run build`; elsewhere, reinstall @deploy-plan/cli.';

/**
 * Runs the CLI and returns its exit code. Never throws: usage errors print one line, and an
 * unexpected error prints a short message (the stack only with DEPLOY_PLAN_DEBUG=1).
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exit: number = EXIT.ok;
  try {
    // Inside the try: building the program loads the command's module, which may fail.
    const program = buildProgram(
      io,
      (code) => {
        exit = code;
      },
      argv,
    );
    if (!argv.length) {
      io.stderr(program.helpInformation());
      return EXIT.error;
    }
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
    const missing = (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && /'([^']+)'/.exec(String(error));
    if (missing) {
      // A command's module is missing: a build or an install that did not finish, as the bin says.
      io.stderr(`deploy-plan: cannot load ${missing[1]}: ${REINSTALL}\n`);
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
