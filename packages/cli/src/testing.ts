import { main } from './cli';
import type { CliIo } from './io';

/** Runs the CLI in-process with captured output. */
export async function runCli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, env, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
