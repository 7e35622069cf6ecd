import fc from 'fast-check';
import { didYouMean, editDistance } from './did-you-mean';

describe('editDistance', () => {
  it.each([
    ['', 'abc', 3],
    ['owner', 'owner', 0],
    ['onwer', 'owner', 1],
    ['ownr', 'owner', 1],
    ['kitten', 'sitting', 3],
  ])('%s -> %s is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('with a bound, is the distance when within it and bound + 1 otherwise', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.nat({ max: 8 }), (a, b, max) => {
        expect(editDistance(a, b, max)).toBe(Math.min(editDistance(a, b), max + 1));
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});

describe('didYouMean', () => {
  const keys = ['apiVersion', 'project', 'owner', 'codeTypes', 'healthChecks', 'featureFlags'];

  it.each([
    ['api_version', 'apiVersion'],
    ['helthChecks', 'healthChecks'],
    ['onwer', 'owner'],
    ['project', undefined],
    ['database', undefined],
  ])('%s -> %s', (input, expected) => {
    expect(didYouMean(input, keys)).toBe(expected);
  });

  it('answers for a key of half a million characters as for a short one', () => {
    expect(didYouMean('a'.repeat(500_000), keys)).toBeUndefined();
    expect(didYouMean(`${'a'.repeat(500_000)}owner`, keys)).toBeUndefined();
  });
});
