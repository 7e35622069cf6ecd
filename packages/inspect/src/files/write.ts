import * as fs from 'node:fs';
import * as path from 'node:path';

/** Temporary files being written now: removed if the process is interrupted. */
const pending = new Set<string>();
let handlersInstalled = false;

/** Removes a file if it is there; a folder that is not one leaves nothing to remove. */
function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // its folder is unusable: there is no temporary file in it
  }
}

function removePending(signal: NodeJS.Signals): void {
  for (const tmp of pending) removeQuietly(tmp);
  pending.clear();
  // The usual exit status of a process ended by that signal.
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, removePending);
}

/** Why a write failed, as a few words for a sentence. */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file stands where its folder should be';
  if (code === 'ENOENT') return 'its folder cannot be created';
  if (code === 'ENOSPC') return 'the disk is full';
  return (error as Error).message;
}

export class WriteError extends Error {}

/**
 * Writes a file atomically (a temporary file beside it, then a rename), creating its folder:
 * readers see the old file or the new one, never half of one. The temporary file is removed
 * when the write fails and when the process is interrupted (SIGINT, SIGTERM) while writing.
 * A failure is a WriteError whose message is a sentence for the user.
 */
export function writeFileAtomically(file: string, content: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  installHandlers();
  pending.add(tmp);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } catch (error) {
    removeQuietly(tmp);
    throw new WriteError(`Cannot write ${file}: ${reason(error)}.`);
  } finally {
    pending.delete(tmp);
  }
}
