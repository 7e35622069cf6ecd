import type { Diagnostic, Severity } from '../diagnostic';
import { SEVERITIES } from '../diagnostic';
import { parseDuration } from '../duration';
import type { DeployPlanConfig, PolicySetting } from '../generated/config';
import { builtinDiagnostic } from '../plan/load-plan';
import { joinPointer } from '../pointer';
import type { AnyPolicy, PolicyNeed } from '../policy/define-policy';
import type { ResolvedPolicy } from '../policy/run-policies';
import { BUILTIN_RULES } from '../rules/builtin-rules';
import { didYouMean } from '../schema/did-you-mean';
import { describeOptionErrors, validatePolicyOptions } from './policy-options';
import type { LoadedConfig } from './load-config';

export type PresetName = 'recommended' | 'strict';

/** The severity a preset gives a policy. */
export const PRESETS: Record<PresetName, (policy: AnyPolicy) => Severity> = {
  /** Every policy at its default severity (the checklist's priority). */
  recommended: (policy) => policy.meta.severity,
  /** Minor findings raised to important, so `--fail-on important` fails on them too. */
  strict: (policy) => (policy.meta.severity === 'minor' ? 'important' : policy.meta.severity),
};

export const DEFAULT_WAIVER_LIFETIME: Record<Severity, string> = { critical: '30d', important: '90d', minor: '180d' };

interface Setting {
  severity: Severity | 'off';
  options?: Record<string, unknown>;
  /** Where the options were given, for error positions. */
  optionsPointer?: string;
}

/** Turns a project-name glob (`*`, `?`) into a matcher. */
export function projectMatcher(pattern: string): (name: string) => boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return (name) => re.test(name);
}

export interface ResolvedConfig {
  /** Workspace-relative config path, when there is one. */
  file?: string;
  failOn?: Severity;
  maxFileSize?: number;
  ignore: string[];
  /** Longest waiver per severity, in milliseconds. */
  waiverLifetime: Record<Severity, number>;
  inspect: NonNullable<DeployPlanConfig['inspect']>;
  /** Config problems: schema errors, unknown policies, bad options. */
  diagnostics: Diagnostic[];
  /** The policies that run for a project, with their severity and options. */
  policiesFor(project: string): ResolvedPolicy[];
  /** Whether any policy enabled for the project needs `need`. */
  needs(project: string, need: PolicyNeed): boolean;
}

export interface ResolveOptions {
  /**
   * False when the run loads no policy (`--schema-only`): settings of policies are then skipped
   * without being reported as unknown, since nothing is known to compare them with.
   */
  policiesLoaded?: boolean;
}

/**
 * Resolves presets, per-policy settings and per-project overrides against the known policies.
 * Unknown policy ids and invalid options are config diagnostics (with "did you mean"); the
 * affected setting is ignored and the rest applies.
 */
export function resolveConfig(loaded: LoadedConfig, policies: readonly AnyPolicy[], options: ResolveOptions = {}): ResolvedConfig {
  const { config } = loaded;
  const file = loaded.file ?? 'deploy-plan.config.yaml';
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const byId = new Map(policies.map((p) => [p.id, p]));
  const ids = [...byId.keys()];

  const presets = (config.extends === undefined ? ['recommended'] : Array.isArray(config.extends) ? config.extends : [config.extends]) as PresetName[];
  const base = new Map<string, Setting>();
  for (const policy of policies) {
    let severity: Severity = policy.meta.severity;
    for (const preset of presets) severity = PRESETS[preset](policy);
    base.set(policy.id, { severity });
  }

  const readSettings = (settings: Record<string, PolicySetting> | undefined, at: string): Map<string, Setting> => {
    const out = new Map<string, Setting>();
    for (const [id, value] of Object.entries(settings ?? {})) {
      const pointer = joinPointer([...at.split('/').slice(1), id]);
      if (!byId.has(id)) {
        if (options.policiesLoaded === false) continue;
        const guess = didYouMean(id, ids);
        diagnostics.push(
          builtinDiagnostic(BUILTIN_RULES.configInvalid, 'unknownPolicy', { policy: id }, file, loaded.locate(pointer, 'key'), {
            pointer,
            hint: guess ? `Did you mean \`${guess}\`?` : 'Run `deploy-plan policies` to list them.',
          }),
        );
        continue;
      }
      if (typeof value === 'string') out.set(id, { severity: value });
      else if (value) out.set(id, { severity: value.severity ?? byId.get(id)!.meta.severity, options: value.options, optionsPointer: `${pointer}/options` });
    }
    return out;
  };

  const topLevel = readSettings(config.policies as Record<string, PolicySetting> | undefined, '/policies');
  const overrides = (config.overrides ?? []).map((o, i) => ({
    matches: o.projects.map(projectMatcher),
    settings: readSettings(o.policies as Record<string, PolicySetting> | undefined, `/overrides/${i}/policies`),
  }));

  const reportedOptions = new Set<string>();
  // Projects that match the same overrides share one resolved list: with many projects and few
  // overrides, this resolves the config a handful of times instead of once per project.
  const cache = new Map<string, ResolvedPolicy[]>();
  const policiesFor = (project: string): ResolvedPolicy[] => {
    const matching = overrides.map((o, i) => (o.matches.some((m) => m(project)) ? i : -1)).filter((i) => i >= 0);
    const cacheKey = matching.join(',');
    const cached = cache.get(cacheKey);
    if (cached) return cached;
    const merged = new Map<string, Setting>();
    for (const [id, s] of base) merged.set(id, { ...s });
    const apply = (settings: Map<string, Setting>) => {
      for (const [id, s] of settings) {
        const current = merged.get(id)!;
        merged.set(id, { severity: s.severity, options: s.options ?? current.options, optionsPointer: s.options ? s.optionsPointer : current.optionsPointer });
      }
    };
    apply(topLevel);
    for (const i of matching) apply(overrides[i].settings);

    const resolved: ResolvedPolicy[] = [];
    for (const policy of policies) {
      const setting = merged.get(policy.id)!;
      if (setting.severity === 'off') continue;
      const defaults = (policy.meta.options?.defaults ?? {}) as Record<string, unknown>;
      let options = setting.options ? { ...defaults, ...setting.options } : defaults;
      if (setting.options) {
        const errors = validatePolicyOptions(policy, options);
        if (errors.length) {
          const key = setting.optionsPointer ?? policy.id;
          if (!reportedOptions.has(key)) {
            reportedOptions.add(key);
            diagnostics.push(
              builtinDiagnostic(BUILTIN_RULES.configInvalid, 'badOptions', { policy: policy.id, reason: describeOptionErrors(errors, options) }, file, loaded.locate(key), { pointer: key }),
            );
          }
          options = defaults;
        }
      }
      resolved.push({ policy, severity: setting.severity, options });
    }
    cache.set(cacheKey, resolved);
    return resolved;
  };

  const lifetime = { ...DEFAULT_WAIVER_LIFETIME, ...(config.waivers?.maxLifetime ?? {}) } as Record<Severity, string>;
  return {
    file: loaded.file,
    failOn: config.failOn,
    maxFileSize: config.maxFileSize,
    ignore: config.ignore ?? [],
    waiverLifetime: Object.fromEntries(SEVERITIES.map((s) => [s, parseDuration(lifetime[s]) ?? 0])) as Record<Severity, number>,
    inspect: config.inspect ?? {},
    diagnostics,
    policiesFor,
    needs: (project, need) => policiesFor(project).some((r) => r.policy.meta.needs?.includes(need)),
  };
}
