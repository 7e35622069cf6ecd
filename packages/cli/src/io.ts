/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (decides colour). */
  isTTY: boolean;
}

/**
 * The process's own streams. A reader that stops early (`deploy-plan inspect . | head`) closes
 * the pipe: the rest of the output has nowhere to go, so the CLI stops quietly with the exit code
 * it had decided, as Unix tools do, instead of crashing on EPIPE.
 */
export function processIo(): CliIo {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? EXIT.ok);
    });
  }
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY),
  };
}

/** Exit codes (DESIGN.md §6). */
export const EXIT = {
  /** Nothing at or above the fail level. */
  ok: 0,
  /** Findings at or above the fail level. */
  findings: 1,
  /** Usage, config or internal error. */
  error: 2,
} as const;

/** An error whose message is meant for the user as is (no stack trace). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Colour on when stdout is a TTY, unless NO_COLOR; FORCE_COLOR forces it; flags win. */
export function useColor(io: CliIo, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  if (io.env.NO_COLOR) return false;
  return io.isTTY;
}
