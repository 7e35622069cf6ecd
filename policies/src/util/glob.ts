import { globMatcher } from '@deploy-plan/core';

const normalise = (p: string) => p.replace(/^\.\//, '').replace(/\/+$/, '');

/** Does the pattern `covering` (a path or glob) take in `path` (itself a path or a glob)? */
export function covers(covering: string, path: string): boolean {
  const a = normalise(covering);
  const b = normalise(path);
  if (a === b) return true;
  if (!/[*?[\]{}]/.test(a)) return b.startsWith(`${a}/`);
  return globMatcher(a)(b);
}
