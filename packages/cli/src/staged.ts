import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { PLAN_FILE_NAMES, type SourceFileSystem } from '@deploy-plan/core';
import { UsageError } from './io';

function git(cwd: string, args: string[], input?: string): string {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      input,
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = (error as { stderr?: string | Buffer }).stderr?.toString().trim();
    throw new UsageError(`--staged needs a git repository: ${stderr || (error as Error).message}`);
  }
}

export interface StagedPlans {
  /** Absolute paths of the plans whose projects the staged change touches. */
  plans: string[];
  /** Reads those plans from the git index, the rest from disk. */
  fileSystem: SourceFileSystem;
}

/**
 * The plans of the projects that own staged files, read from the git index (what will be
 * committed), not from the working tree. A project owns the files below the folder of its plan.
 */
export function stagedPlans(cwd: string): StagedPlans {
  const top = git(cwd, ['rev-parse', '--show-toplevel']).trim();
  const staged = git(top, ['diff', '--cached', '--name-only', '--diff-filter=ACMRD', '-z']).split('\0').filter(Boolean);
  if (!staged.length) return { plans: [], fileSystem: { readFile: () => Buffer.alloc(0), has: () => false } };
  const pathspecs = PLAN_FILE_NAMES.flatMap((name) => [name, `*/${name}`]);
  const planFiles = git(top, ['ls-files', '--cached', '-z', '--', ...pathspecs])
    .split('\0')
    .filter(Boolean);
  const byDir = new Map(planFiles.map((f) => [path.posix.dirname(f), f]));
  const owners = new Set<string>();
  for (const file of staged) {
    for (let dir = path.posix.dirname(file); ; dir = path.posix.dirname(dir)) {
      const plan = byDir.get(dir);
      if (plan) {
        owners.add(plan);
        break;
      }
      if (dir === '.' || dir === '/') break;
    }
  }
  const plans = [...owners].sort();
  const blobs = new Map<string, Buffer>();
  for (const plan of plans) blobs.set(path.join(top, plan), Buffer.from(git(top, ['show', `:${plan}`]), 'utf8'));
  return {
    plans: plans.map((p) => path.join(top, p)),
    fileSystem: {
      has: (p) => blobs.has(p),
      readFile(p, accept) {
        const blob = blobs.get(p);
        if (!blob) throw Object.assign(new Error(`${p} is not staged`), { code: 'ENOENT' });
        accept({ isDirectory: () => false, size: blob.length });
        return blob;
      },
    },
  };
}
