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
import { globMatcher, globProblem } from '../glob';
import { ignorePatternProblem } from '../discover/find-plans';

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
  /** Options as given (valid ones only), merged over the policy's defaults when it runs. */
  options?: Record<string, unknown>;
  optionsPointer?: string;
}

/** Matches project names against a glob with minimatch's semantics, as Nx's project globs do. */
export function projectMatcher(pattern: string): (name: string) => boolean {
  return globMatcher(pattern);
}

export interface ResolvedConfig {
  /** Workspace-relative config path, when there is one. */
  file?: string;
  failOn?: Severity;
  /** Where the policy pages are published, when the config says (reports link findings there). */
  docsBaseUrl?: string;
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

/** What reading the settings needs: where the config is, the known policies, the diagnostics so far. */
interface Reading {
  loaded: LoadedConfig;
  file: string;
  byId: ReadonlyMap<string, AnyPolicy>;
  diagnostics: Diagnostic[];
  policiesLoaded: boolean;
}

/** Each policy's severity under the config's presets (`extends`). */
function presetSeverities(config: DeployPlanConfig, policies: readonly AnyPolicy[]): Map<string, Setting> {
  const presets = (config.extends === undefined ? ['recommended'] : [config.extends].flat()) as PresetName[];
  const base = new Map<string, Setting>();
  for (const policy of policies) {
    let severity: Severity = policy.meta.severity;
    for (const preset of presets) severity = PRESETS[preset](policy);
    base.set(policy.id, { severity });
  }
  return base;
}

/**
 * One `policies:` block (top level or an override's). Every setting is checked here, once,
 * before any plan: an unknown policy id is reported and skipped; options that do not match the
 * policy's schema are reported and replaced by its defaults.
 */
function readSettings(
  r: Reading,
  settings: Record<string, PolicySetting> | undefined,
  at: string[],
): Map<string, Setting> {
  const out = new Map<string, Setting>();
  for (const [id, value] of Object.entries(settings ?? {})) {
    const pointer = joinPointer([...at, id]);
    const policy = r.byId.get(id);
    if (!policy) {
      if (r.policiesLoaded) r.diagnostics.push(unknownPolicy(r, id, pointer));
      continue;
    }
    if (typeof value === 'string') out.set(id, { severity: value });
    else if (value) {
      const optionsPointer = `${pointer}/options`;
      const options =
        value.options && validOptions(r, policy, value.options, optionsPointer) ? value.options : undefined;
      out.set(id, { severity: value.severity ?? policy.meta.severity, options, optionsPointer });
    }
  }
  return out;
}

function unknownPolicy(r: Reading, id: string, pointer: string): Diagnostic {
  const guess = didYouMean(id, [...r.byId.keys()]);
  return builtinDiagnostic(
    BUILTIN_RULES.configInvalid,
    'unknownPolicy',
    { policy: id },
    r.file,
    r.loaded.locate(pointer, 'key'),
    {
      pointer,
      hint: guess ? `Did you mean \`${guess}\`?` : 'Run `deploy-plan policies` to list them.',
    },
  );
}

/** Whether options (over the policy's defaults) match its schema; reports them when not. */
function validOptions(r: Reading, policy: AnyPolicy, options: Record<string, unknown>, pointer: string): boolean {
  const merged = { ...(policy.meta.options?.defaults ?? {}), ...options } as Record<string, unknown>;
  const errors = validatePolicyOptions(policy, merged);
  if (!errors.length) return true;
  const data = { policy: policy.id, reason: describeOptionErrors(errors, merged) };
  r.diagnostics.push(
    builtinDiagnostic(BUILTIN_RULES.configInvalid, 'badOptions', data, r.file, r.loaded.locate(pointer), { pointer }),
  );
  return false;
}

/** The matcher of one `overrides[].projects` glob; a glob minimatch (and so Nx) rejects is reported. */
function projectGlob(r: Reading, glob: string, at: string[]): (name: string) => boolean {
  const problem = globProblem(glob);
  if (problem) {
    const pointer = joinPointer(at);
    const data = { glob, reason: problem };
    r.diagnostics.push(
      builtinDiagnostic(BUILTIN_RULES.configInvalid, 'badGlob', data, r.file, r.loaded.locate(pointer), { pointer }),
    );
  }
  return projectMatcher(glob);
}

/** Reports an `ignore` pattern that cannot be used; plan discovery leaves it out. */
function ignorePattern(r: Reading, pattern: string, at: string[]): void {
  const problem = ignorePatternProblem(pattern);
  if (!problem) return;
  const pointer = joinPointer(at);
  const data = { pattern, reason: problem };
  r.diagnostics.push(
    builtinDiagnostic(BUILTIN_RULES.configInvalid, 'badIgnore', data, r.file, r.loaded.locate(pointer), { pointer }),
  );
}

interface Override {
  matches: ((name: string) => boolean)[];
  settings: Map<string, Setting>;
}

/**
 * The policies of a project: presets, then the top-level settings, then every override whose
 * projects match, in order. Projects matching the same overrides share one list.
 */
function projectPolicies(
  policies: readonly AnyPolicy[],
  base: Map<string, Setting>,
  topLevel: Map<string, Setting>,
  overrides: Override[],
) {
  const cache = new Map<string, ResolvedPolicy[]>();
  return (project: string): ResolvedPolicy[] => {
    const matching = overrides.filter((o) => o.matches.some((m) => m(project)));
    const key = matching.map((o) => overrides.indexOf(o)).join(',');
    const cached = cache.get(key);
    if (cached) return cached;
    const merged = new Map<string, Setting>();
    for (const [id, s] of base) merged.set(id, { ...s });
    for (const settings of [topLevel, ...matching.map((o) => o.settings)]) {
      for (const [id, s] of settings)
        merged.set(id, { severity: s.severity, options: s.options ?? merged.get(id)?.options });
    }
    const resolved: ResolvedPolicy[] = [];
    for (const policy of policies) {
      const setting = merged.get(policy.id)!;
      if (setting.severity === 'off') continue;
      const defaults = (policy.meta.options?.defaults ?? {}) as Record<string, unknown>;
      resolved.push({
        policy,
        severity: setting.severity,
        options: setting.options ? { ...defaults, ...setting.options } : defaults,
      });
    }
    cache.set(key, resolved);
    return resolved;
  };
}

/**
 * Resolves presets, per-policy settings and per-project overrides against the known policies.
 * Everything is checked here, before any plan is read: unknown policy ids and invalid options
 * are config diagnostics (with "did you mean"); the affected setting is ignored and the rest
 * applies. No diagnostic depends on which projects a run checks.
 */
export function resolveConfig(
  loaded: LoadedConfig,
  policies: readonly AnyPolicy[],
  options: ResolveOptions = {},
): ResolvedConfig {
  const { config } = loaded;
  const r: Reading = {
    loaded,
    file: loaded.file ?? 'deploy-plan.config.yaml',
    byId: new Map(policies.map((p) => [p.id, p])),
    diagnostics: [...loaded.diagnostics],
    policiesLoaded: options.policiesLoaded !== false,
  };
  const topLevel = readSettings(r, config.policies, ['policies']);
  const overrides = (config.overrides ?? []).map((o, i) => ({
    matches: o.projects.map((glob, j) => projectGlob(r, glob, ['overrides', String(i), 'projects', String(j)])),
    settings: readSettings(r, o.policies as Record<string, PolicySetting> | undefined, [
      'overrides',
      String(i),
      'policies',
    ]),
  }));
  (config.ignore ?? []).forEach((pattern, i) => ignorePattern(r, pattern, ['ignore', String(i)]));
  const policiesFor = projectPolicies(policies, presetSeverities(config, policies), topLevel, overrides);
  const lifetime = { ...DEFAULT_WAIVER_LIFETIME, ...(config.waivers?.maxLifetime ?? {}) } as Record<Severity, string>;
  return {
    file: loaded.file,
    failOn: config.failOn,
    docsBaseUrl: config.docsBaseUrl?.replace(/\/+$/, ''),
    maxFileSize: config.maxFileSize,
    ignore: config.ignore ?? [],
    waiverLifetime: Object.fromEntries(SEVERITIES.map((s) => [s, parseDuration(lifetime[s]) ?? 0])) as Record<
      Severity,
      number
    >,
    inspect: config.inspect ?? {},
    diagnostics: r.diagnostics,
    policiesFor,
    needs: (project, need) => policiesFor(project).some((p) => p.policy.meta.needs?.includes(need)),
  };
}
