import { flagFileDefinitions } from './flag-files';

const served = (text: string) =>
  flagFileDefinitions(text, 'flags.json')?.map((f) => [f.provider, f.key, f.defaultValue, f.line]);

describe('flag definition files', () => {
  it('flagd: the default variant, at the line of the key', () => {
    const text = JSON.stringify(
      { flags: { checkout: { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' } } },
      null,
      2,
    );
    expect(served(text)).toEqual([['flagd', 'checkout', false, 3]]);
  });

  it("LaunchDarkly's file data source: the off variation when off, the fallthrough when on", () => {
    const text = JSON.stringify(
      {
        flags: {
          'new-search': {
            key: 'new-search',
            on: false,
            variations: [true, false],
            offVariation: 1,
            fallthrough: { variation: 0 },
          },
          'dark-mode': {
            key: 'dark-mode',
            on: true,
            variations: [true, false],
            offVariation: 1,
            fallthrough: { variation: 0 },
          },
        },
      },
      null,
      2,
    );
    expect(served(text)).toEqual([
      ['launchdarkly', 'new-search', false, 3],
      ['launchdarkly', 'dark-mode', true, 15],
    ]);
  });

  it('a GrowthBook features payload: each default value', () => {
    const text = '{\n  "features": {\n    "ranked": { "defaultValue": false, "rules": [] }\n  }\n}\n';
    expect(served(text)).toEqual([['growthbook', 'ranked', false, 3]]);
  });

  it('an Unleash export: each toggle on or off', () => {
    const text =
      '{\n  "version": 1,\n  "features": [\n' +
      '    { "name": "beta-ui", "enabled": false, "strategies": [] }\n  ],\n  "strategies": []\n}\n';
    expect(served(text)).toEqual([['unleash', 'beta-ui', false, 4]]);
  });

  it('says nothing of JSON that is none of them', () => {
    expect(flagFileDefinitions('{"features": [{"name": "fast checkout"}]}', 'product-features.json')).toBeUndefined();
    expect(flagFileDefinitions('{"features": {"a": 1}}', 'features.json')).toBeUndefined();
    expect(flagFileDefinitions('not json', 'flags.json')).toBeUndefined();
  });
});
