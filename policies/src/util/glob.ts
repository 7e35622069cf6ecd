import { detached, globMatcher } from '@deploy-plan/core';

const normalise = (p: string) => p.replace(/^\.\//, '').replace(/\/+$/, '');

/** Does the pattern `covering` (a path or glob) take in `path` (itself a path or a glob)? */
export function covers(covering: string, path: string): boolean {
  const a = normalise(covering);
  const b = normalise(path);
  if (a === b) return true;
  if (!/[*?[\]{}]/.test(a)) return b.startsWith(`${a}/`);
  let match = matchers.get(a);
  // Kept for the run: a copy, not a slice of the plan's text (see `detached`).
  if (!match) matchers.set(detached(a), (match = globMatcher(a)));
  return match(b);
}

/** Each glob is compiled once per run: a plan compares every file with every deployed glob. */
const matchers = new Map<string, (path: string) => boolean>();

const WILD = /[*?[\]{}]/;
const firstSegment = (p: string) => normalise(p).split('/')[0];

/**
 * `covers` for one path against many patterns, with the patterns indexed once by their first
 * folder: a path is compared only with the patterns that can take it in (a plan with thousands of
 * files and deployed globs stays linear).
 */
export function coverage(coverings: readonly string[]): (path: string) => boolean {
  const byFirst = new Map<string, string[]>();
  const anywhere: string[] = [];
  for (const c of coverings) {
    const first = firstSegment(c);
    if (WILD.test(first)) anywhere.push(c);
    else byFirst.set(first, [...(byFirst.get(first) ?? []), c]);
  }
  return (path) => {
    const first = firstSegment(path);
    const candidates = WILD.test(first) ? coverings : [...(byFirst.get(first) ?? []), ...anywhere];
    return candidates.some((c) => covers(c, path));
  };
}
