import type { GLOBSTAR as Globstar, Minimatch, MMRegExp } from 'minimatch';
import { detached } from './detach';

/**
 * Glob matching with minimatch's semantics (the matcher Nx uses for project globs): braces,
 * `**`, `*`, `?`, classes and extglobs, `!` negation. minimatch compiles every segment to a
 * RegExp, and a segment with many `*` (`*a*a*a*a*a*a*a*a*a*a*a*a*b`) then backtracks for minutes
 * on a name it does not match. Segments made only of literals, `*` and `?` (the shape of that
 * pattern, and of nearly every real glob) are matched here by a linear wildcard matcher instead;
 * `**` runs over segments as a table, not by backtracking. Other segments keep minimatch's RegExp.
 */
export type GlobMatcher = (path: string) => boolean;

interface Compiled {
  matcher: GlobMatcher;
  /** Why minimatch rejects the glob (it is then matched by nothing). */
  problem?: string;
}

const compiled = new Map<string, Compiled>();
const SIMPLE_SEGMENT = /^[^[\]{}()!+@\\]*$/;

function compiledGlob(glob: string): Compiled {
  let entry = compiled.get(glob);
  if (!entry) {
    // Kept for the run: a copy, not a slice of the plan a glob comes from (see `detached`).
    const own = detached(glob);
    entry = compile(own);
    compiled.set(own, entry);
  }
  return entry;
}

/**
 * A matcher for `glob`, compiled once per glob. Paths use `/`. Never throws: a glob minimatch
 * rejects (one over 64 KiB) matches nothing, and `globProblem` says why.
 */
export function globMatcher(glob: string): GlobMatcher {
  return compiledGlob(glob).matcher;
}

/** Why `glob` cannot be used (minimatch, and so Nx, rejects it), or undefined when it can. */
export function globProblem(glob: string): string | undefined {
  return compiledGlob(glob).problem;
}

type Part = string | MMRegExp | typeof Globstar;
/** A `**` segment of a compiled glob. */
const ANY_SEGMENTS = Symbol('**');
type SegmentTest = ((segment: string) => boolean) | typeof ANY_SEGMENTS;

/** minimatch, loaded the first time a glob is compiled (a workspace without globs never needs it). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use
const minimatch = () => require('minimatch') as typeof import('minimatch');

const matchesNothing: GlobMatcher = () => false;

function compile(glob: string): Compiled {
  let mm: Minimatch;
  try {
    mm = new (minimatch().Minimatch)(glob, { dot: true, nocomment: true });
  } catch (error) {
    // minimatch throws a TypeError for a pattern over 64 KiB; Nx's project globs would too.
    return { matcher: matchesNothing, problem: error instanceof Error ? error.message : String(error) };
  }
  const alternatives = mm.set.map((parts) => parts.map(segmentTest));
  return {
    matcher: (path) => {
      const segments = path.split('/');
      const hit = alternatives.some((tests) => matchSegments(tests, segments));
      return mm.negate ? !hit : hit;
    },
  };
}

/** As in minimatch, even with `dot`, no wildcard matches a `.` or `..` segment. */
const isDots = (segment: string) => segment === '.' || segment === '..';

function segmentTest(part: Part): SegmentTest {
  // minimatch's one symbol is GLOBSTAR.
  if (typeof part === 'symbol') return ANY_SEGMENTS;
  if (typeof part === 'string') return (segment) => segment === part;
  const source = part._glob;
  if (source !== undefined && SIMPLE_SEGMENT.test(source)) {
    return (segment) => !isDots(segment) && wildcard(source, segment);
  }
  return (segment) => !isDots(segment) && part.test(segment);
}

/**
 * Whether `segments` match `tests`, where `**` takes any number of segments: a table of
 * which prefixes of the segments each prefix of the pattern can reach, O(pattern × segments²)
 * at worst instead of minimatch's backtracking.
 */
function matchSegments(tests: readonly SegmentTest[], segments: readonly string[]): boolean {
  let reach = new Array<boolean>(segments.length + 1).fill(false);
  reach[0] = true;
  for (const test of tests) {
    const next = new Array<boolean>(segments.length + 1).fill(false);
    for (let i = 0; i <= segments.length; i++) {
      if (!reach[i]) continue;
      if (test === ANY_SEGMENTS) {
        // As in minimatch, `**` takes zero or more segments, but only while some are left:
        // `a/**` matches `a/b` and `a/`, not `a`.
        if (i === segments.length) continue;
        for (let j = i; j <= segments.length; j++) {
          next[j] = true;
          if (j < segments.length && isDots(segments[j])) break;
        }
        continue;
      }
      if (i < segments.length && test(segments[i])) next[i + 1] = true;
    }
    reach = next;
  }
  return reach[segments.length];
}

/**
 * `*` (any run of characters) and `?` (one character) within one segment, in O(pattern × text):
 * on a mismatch it returns to the last `*` and lets it take one more character, never further
 * back, which is enough because a later `*` can absorb anything an earlier one could.
 */
export function wildcard(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
