import fc from 'fast-check';
import { minimatch } from 'minimatch';
import { globMatcher, globProblem, wildcard } from './glob';

describe('globMatcher', () => {
  it.each([
    ['apps/*', 'apps/api', true],
    ['apps/*', 'apps/api/src', false],
    ['apps/**', 'apps/api/src/main.ts', true],
    ['**/*.ts', 'src/a/b.ts', true],
    ['src/**/main.ts', 'src/main.ts', true],
    ['legacy-*', 'legacy-billing', true],
    ['legacy-*', 'billing-legacy', false],
    ['*-api', '@acme/orders-api', false],
    ['@acme/*', '@acme/orders-api', true],
    ['{orders,billing}-*', 'billing-db', true],
    ['svc-[0-9]', 'svc-7', true],
    ['svc-[0-9]', 'svc-x', false],
    ['!legacy-*', 'orders', true],
    ['!legacy-*', 'legacy-x', false],
    ['a?c', 'abc', true],
    ['.github/*', '.github/workflows', true],
  ])('%s on %s is %s', (glob, path, expected) => {
    expect(globMatcher(glob)(path)).toBe(expected);
  });

  it('does not backtrack on a segment of many stars that cannot match', () => {
    // minimatch's own RegExp for this glob takes minutes on a 40-character name.
    const glob = '*a*a*a*a*a*a*a*a*a*a*a*a*b';
    expect(globMatcher(glob)('a'.repeat(200))).toBe(false);
    expect(globMatcher(glob)(`${'a'.repeat(200)}b`)).toBe(true);
    expect(globMatcher(`${'**/'.repeat(40)}x`)(`${'a/'.repeat(200)}y`)).toBe(false);
  });

  it('matches nothing with a glob minimatch rejects (over 64 KiB) and says why, instead of throwing', () => {
    const long = `${'*'.repeat(70_000)}x`;
    expect(globMatcher(long)('x')).toBe(false);
    expect(globProblem(long)).toBe('pattern is too long');
    expect(globProblem('apps/*')).toBeUndefined();
  });

  it('agrees with minimatch on globs of literals, *, ?, ** and /', () => {
    const segment = fc.stringMatching(/^[ab*?.]{0,6}$/);
    const glob = fc.array(fc.oneof(segment, fc.constant('**')), { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    // Paths as the checker has them: no empty, `.` or `..` segments.
    const name = fc.stringMatching(/^[ab.]{1,5}$/).filter((s) => s !== '.' && s !== '..');
    const path = fc.array(name, { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));
    fc.assert(
      fc.property(glob, path, (g, p) => globMatcher(g)(p) === minimatch(p, g, { dot: true, nocomment: true })),
      { numRuns: 2000, seed: 42 },
    );
  });
});

describe('wildcard', () => {
  it('matches * and ? within a segment', () => {
    expect(wildcard('*.ts', 'main.ts')).toBe(true);
    expect(wildcard('m??n.ts', 'main.ts')).toBe(true);
    expect(wildcard('*a*b', 'xxaxxb')).toBe(true);
    expect(wildcard('*a*b', 'xxbxxa')).toBe(false);
    expect(wildcard('', '')).toBe(true);
    expect(wildcard('*', '')).toBe(true);
  });
});
