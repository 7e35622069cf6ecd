import fc from 'fast-check';
import { coverage, covers } from './glob';

describe('coverage', () => {
  const segment = fc.constantFrom('src', 'lib', 'apps', 'api', '*', '**', 'a?c', '{x,y}', 'x.ts', '.');
  const pattern = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));

  it('answers as `covers` against each pattern does', () => {
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 8 }), pattern, (coverings, path) => {
        expect(coverage(coverings)(path)).toBe(coverings.some((c) => covers(c, path)));
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  it('stays linear on thousands of files and deployed globs', () => {
    const isDeployed = coverage(Array.from({ length: 3000 }, (_, i) => `lib${i}/**/*.js`));
    const files = Array.from({ length: 3000 }, (_, i) => `src/mod${i}/**/*.ts`);
    expect(files.filter(isDeployed)).toEqual([]);
    expect(isDeployed('lib42/a/b.js')).toBe(true);
  });
});
