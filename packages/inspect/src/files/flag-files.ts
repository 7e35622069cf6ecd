import type { FlagDefinitionFact, LineAndColumn } from '@deploy-plan/core';
import { positionAt } from './read';

/**
 * Flag definitions as their providers write them to files: flagd's flag definitions, the
 * LaunchDarkly SDKs' file data source, a GrowthBook features payload, and an Unleash export.
 * Each flag keeps the line of its key and what it serves when nothing turns it on.
 */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** flagd's entries (`state`, `variants`, `defaultVariant`), as JSON files and the FeatureFlag resource write them. */
export function flagdEntries(flags: Json, file: string, at: (key: string) => LineAndColumn): FlagDefinitionFact[] {
  return Object.entries(flags).flatMap(([key, def]) => {
    if (!isObject(def)) return [];
    const variant = typeof def.defaultVariant === 'string' ? def.defaultVariant : undefined;
    const variants = isObject(def.variants) ? def.variants : {};
    return [
      {
        key,
        provider: 'flagd',
        ...(variant ? { defaultVariant: variant } : {}),
        ...(variant && Object.hasOwn(variants, variant) ? { defaultValue: variants[variant] } : {}),
        enabled: def.state !== 'DISABLED',
        file,
        ...at(key),
      },
    ];
  });
}

/** LaunchDarkly: a flag that is off serves its `offVariation`, one that is on its fallthrough. */
function launchDarkly(flags: Json, file: string, at: (key: string) => LineAndColumn): FlagDefinitionFact[] {
  return Object.entries(flags).flatMap(([key, def]) => {
    if (!isObject(def)) return [];
    const variations = Array.isArray(def.variations) ? (def.variations as unknown[]) : [];
    const fallthrough = isObject(def.fallthrough) ? def.fallthrough.variation : undefined;
    const index = def.on === true ? fallthrough : def.offVariation;
    const served = typeof index === 'number' && index in variations ? { defaultValue: variations[index] } : {};
    return [{ key, provider: 'launchdarkly', ...served, enabled: def.on === true, file, ...at(key) }];
  });
}

/** GrowthBook: each feature's `defaultValue`, served when no rule matches. */
function growthBook(features: Json, file: string, at: (key: string) => LineAndColumn): FlagDefinitionFact[] {
  return Object.entries(features).flatMap(([key, def]) =>
    isObject(def) && 'defaultValue' in def
      ? [{ key, provider: 'growthbook', defaultValue: def.defaultValue, enabled: true, file, ...at(key) }]
      : [],
  );
}

/** Unleash: each exported toggle, on or off. */
function unleash(features: unknown[], file: string, at: (key: string) => LineAndColumn): FlagDefinitionFact[] {
  return features.flatMap((def) =>
    isObject(def) && typeof def.name === 'string'
      ? [
          {
            key: def.name,
            provider: 'unleash',
            ...(typeof def.enabled === 'boolean' ? { defaultValue: def.enabled } : {}),
            enabled: def.enabled !== false,
            file,
            ...at(def.name),
          },
        ]
      : [],
  );
}

/**
 * The flags a JSON flag file defines, or undefined when it is none of the formats above (or not
 * JSON). `firstLine` is the line the text starts at in its file (inside a ConfigMap).
 */
export function flagFileDefinitions(text: string, file: string, firstLine = 1): FlagDefinitionFact[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  const at = (key: string): LineAndColumn => {
    const { line, column } = positionAt(text, Math.max(0, text.indexOf(JSON.stringify(key))));
    // Inside a ConfigMap the text is indented by its YAML: the line is known, the column is not.
    return firstLine === 1 ? { line, column } : { line: firstLine - 1 + line };
  };
  const { flags, features } = value;
  if (isObject(flags)) {
    const ld = Object.values(flags).some((f) => isObject(f) && ('variations' in f || 'offVariation' in f));
    return ld ? launchDarkly(flags, file, at) : flagdEntries(flags, file, at);
  }
  const all = (values: unknown[], test: (v: Json) => boolean) =>
    values.length > 0 && values.every((v) => isObject(v) && test(v));
  if (isObject(features) && all(Object.values(features), (f) => 'defaultValue' in f))
    return growthBook(features, file, at);
  // Unleash's exports: toggles with their strategies, or the import/export API's strategies apart.
  const unleashExport =
    'featureStrategies' in value ||
    'featureEnvironments' in value ||
    (Array.isArray(value.strategies) && 'version' in value);
  if (Array.isArray(features) && (unleashExport || all(features, (f) => Array.isArray(f.strategies))))
    return unleash(features, file, at);
  return undefined;
}
