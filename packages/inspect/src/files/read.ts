import * as fs from 'node:fs';
import * as path from 'node:path';

// Nothing here imports @deploy-plan/core: code inspection uses these helpers without loading it.

export function listDir(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Folders never looked into for project facts. */
export const SKIP_DIRS = new Set([
  'node_modules',
  'dist',
  '.git',
  '.nx',
  'coverage',
  '.next',
  '.turbo',
  '.cache',
  'build',
  'out',
  'tmp',
]);

/**
 * Every file below `dir`, as paths relative to it (POSIX), at most `depth` folders down,
 * skipping installed and built output. One readdir per folder.
 */
export function listFiles(dir: string, depth: number): string[] {
  const out: string[] = [];
  const visit = (abs: string, rel: string, level: number) => {
    for (const entry of listDir(abs)) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (level < depth && !SKIP_DIRS.has(entry.name)) visit(path.join(abs, entry.name), childRel, level + 1);
      } else if (entry.isFile()) out.push(childRel);
    }
  };
  visit(dir, '', 0);
  return out.sort();
}

/** Files below `dir` (at most `depth` folders down), skipping installed and built output. */
export function walkFiles(dir: string, depth: number, accept: (name: string) => boolean): string[] {
  const out: string[] = [];
  const visit = (d: string, level: number) => {
    for (const entry of listDir(d)) {
      if (entry.isDirectory()) {
        if (level < depth && !['node_modules', 'dist', '.git', '.nx', 'coverage', '.next'].includes(entry.name))
          visit(path.join(d, entry.name), level + 1);
      } else if (entry.isFile() && accept(entry.name)) out.push(path.join(d, entry.name));
    }
  };
  visit(dir, 0);
  return out.sort();
}

/** 1-based line and column (in UTF-16 code units, as editors count) of an offset. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: Math.max(0, end - start) + 1 };
}

export const posix = (p: string) => p.split(path.sep).join('/');
