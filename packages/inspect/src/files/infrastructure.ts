import { escapePointerSegment, parseYaml, type ParsedYaml } from '@deploy-plan/core';
import type {
  AnalysisTemplateFact,
  InfrastructureFacts,
  LineAndColumn,
  RolloutControllerFact,
} from '@deploy-plan/core';
import { flagdEntries, flagFileDefinitions } from './flag-files';
import { splitDocuments } from './manifests';
import { positionAt } from './read';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const num = (v: unknown) =>
  typeof v === 'number' ? v : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : undefined;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);

/** One YAML document of a file, with the line and column of any node in it. */
interface Doc {
  value: Json;
  at: (pointer: string) => LineAndColumn & { column: number };
  /** The line a string value's text starts on: the line after a `|` or `>` header, else its own. */
  textLine: (pointer: string) => number;
}

/** The YAML documents of a file; a line where one is not YAML goes to `broken`. */
function documents(text: string, broken: (at: LineAndColumn) => void): Doc[] {
  return splitDocuments(text).flatMap((d) => {
    const parsed: ParsedYaml = parseYaml(d.text);
    if (!parsed.value) {
      if (parsed.problems.length) broken(positionAt(text, d.offset + parsed.problems[0].range.start));
      return [];
    }
    const at = (pointer: string) => {
      const found = parsed.locate(pointer);
      return positionAt(text, d.offset + (found?.key?.start ?? found?.value.start ?? 0));
    };
    const textLine = (pointer: string) => {
      const start = d.offset + (parsed.locate(pointer)?.value.start ?? 0);
      return positionAt(text, start).line + (/[|>]/.test(text[start] ?? '') ? 1 : 0);
    };
    return [{ value: parsed.value, at, textLine }];
  });
}

/** Argo Rollouts `Rollout`: its canary steps and background analysis. */
function argoRollout(doc: Doc, file: string): RolloutControllerFact {
  const canary = (doc.value.spec as Json | undefined)?.strategy as Json | undefined;
  const steps = list((canary?.canary as Json | undefined)?.steps);
  const at = (i: number) => doc.at(`/spec/strategy/canary/steps/${i}`);
  const templatesOf = (a: unknown) =>
    list((a as Json | undefined)?.templates).flatMap((t) =>
      isObject(t) && str(t.templateName) ? [str(t.templateName)!] : [],
    );
  const background = (canary?.canary as Json | undefined)?.analysis;
  return {
    kind: 'argo-rollouts',
    name: str((doc.value.metadata as Json | undefined)?.name) ?? '',
    file,
    ...doc.at(''),
    strategy: isObject(canary?.blueGreen) ? 'blue-green' : isObject(canary?.canary) ? 'canary' : 'unknown',
    steps: steps.flatMap((s, i): RolloutControllerFact['steps'] => {
      if (!isObject(s)) return [];
      if (num(s.setWeight) !== undefined) return [{ kind: 'weight', weight: num(s.setWeight)!, ...at(i) }];
      if ('pause' in s) {
        const duration = isObject(s.pause) ? str(s.pause.duration) : undefined;
        return [
          {
            kind: 'pause',
            ...(duration ? { duration: /^\d+$/.test(duration) ? `${duration}s` : duration } : {}),
            ...at(i),
          },
        ];
      }
      if (isObject(s.analysis)) return [{ kind: 'analysis', templates: templatesOf(s.analysis), ...at(i) }];
      return [];
    }),
    ...(isObject(background)
      ? { background: { templates: templatesOf(background), ...doc.at('/spec/strategy/canary/analysis') } }
      : {}),
  };
}

/** Flagger `Canary`: the weights it steps through, its interval and the metrics it checks. */
function flaggerCanary(doc: Doc, file: string): RolloutControllerFact {
  const analysis = ((doc.value.spec as Json | undefined)?.analysis ?? {}) as Json;
  const interval = str(analysis.interval);
  const explicit = list(analysis.stepWeights)
    .map(num)
    .filter((n): n is number => n !== undefined);
  const step = num(analysis.stepWeight);
  const max = num(analysis.maxWeight) ?? 100;
  const weights = explicit.length ? explicit : step ? range(step, max) : [];
  const at = doc.at('/spec/analysis');
  return {
    kind: 'flagger',
    name: str((doc.value.metadata as Json | undefined)?.name) ?? '',
    file,
    ...doc.at(''),
    strategy: 'canary',
    // Flagger waits one interval at each weight, checking its metrics, then promotes to 100%.
    steps: weights.flatMap((weight): RolloutControllerFact['steps'] => [
      { kind: 'weight', weight, ...at },
      ...(interval ? [{ kind: 'pause' as const, duration: interval, ...doc.at('/spec/analysis/interval') }] : []),
      ...(list(analysis.metrics).length ? [{ kind: 'analysis' as const, templates: [], ...at }] : []),
    ]),
    metrics: list(analysis.metrics).flatMap((m, i) => {
      if (!isObject(m) || !str(m.name)) return [];
      const range = isObject(m.thresholdRange) ? m.thresholdRange : {};
      return [
        {
          name: str(m.name)!,
          ...(num(range.min) !== undefined ? { min: num(range.min) } : {}),
          ...(num(range.max) !== undefined ? { max: num(range.max) } : {}),
          ...(str(m.interval) ? { interval: str(m.interval) } : {}),
          ...(isObject(m.templateRef) && str(m.templateRef.name) ? { template: str(m.templateRef.name) } : {}),
          ...doc.at(`/spec/analysis/metrics/${i}`),
        },
      ];
    }),
    ...(num(analysis.threshold) !== undefined ? { failureLimit: num(analysis.threshold) } : {}),
    ...(interval ? { interval } : {}),
  };
}

function range(step: number, max: number): number[] {
  const out: number[] = [];
  for (let w = step; w <= max && out.length < 100; w += step) out.push(w);
  return out;
}

/** `AnalysisTemplate` / `ClusterAnalysisTemplate`: each metric with its conditions and cadence. */
function analysisTemplate(doc: Doc, file: string): AnalysisTemplateFact {
  const metrics = list((doc.value.spec as Json | undefined)?.metrics);
  return {
    name: str((doc.value.metadata as Json | undefined)?.name) ?? '',
    file,
    ...doc.at(''),
    metrics: metrics.flatMap((m, i) => {
      if (!isObject(m) || !str(m.name)) return [];
      const prometheus = (m.provider as Json | undefined)?.prometheus as Json | undefined;
      const fields: AnalysisTemplateFact['metrics'][number] = {
        name: str(m.name)!,
        ...doc.at(`/spec/metrics/${i}`),
      };
      for (const key of ['successCondition', 'failureCondition', 'interval', 'initialDelay'] as const)
        if (str(m[key])) fields[key] = str(m[key]);
      for (const key of ['count', 'failureLimit'] as const) if (num(m[key]) !== undefined) fields[key] = num(m[key]);
      if (str(prometheus?.query)) fields.query = str(prometheus?.query);
      return [fields];
    }),
  };
}

/** The rules of a `PrometheusRule` (spec.groups) or of a plain Prometheus rule file (groups). */
function prometheusRules(doc: Doc, file: string, base: string, facts: InfrastructureFacts): void {
  list((base ? (doc.value.spec as Json | undefined) : doc.value)?.groups).forEach((g, gi) =>
    list(isObject(g) ? g.rules : undefined).forEach((r, ri) => {
      if (!isObject(r) || !str(r.expr)) return;
      const at = doc.at(`${base}/groups/${gi}/rules/${ri}`);
      if (str(r.record)) {
        facts.recordingRules.push({ record: str(r.record)!, expr: str(r.expr)!, file, ...at });
        return;
      }
      if (!str(r.alert)) return;
      const labels = isObject(r.labels)
        ? Object.fromEntries(Object.entries(r.labels).flatMap(([k, v]) => (str(v) ? [[k, str(v)!]] : [])))
        : {};
      facts.alertRules.push({
        alert: str(r.alert)!,
        expr: str(r.expr)!,
        ...(str(r.for) ? { for: str(r.for) } : {}),
        ...(isObject(g) && str(g.interval) ? { interval: str(g.interval) } : {}),
        labels,
        file,
        ...at,
      });
    }),
  );
}

/** Which configuration a YAML file holds, from its `kind:` lines; undefined for none of ours. */
function aboutOf(text: string): InfrastructureFacts['notUnderstood'][number]['about'] | undefined {
  if (/^kind:\s*(Rollout|Canary|AnalysisTemplate|ClusterAnalysisTemplate)\b/m.test(text)) return 'rollout';
  if (/^kind:\s*PrometheusRule\b|^groups:/m.test(text)) return 'alerts';
  if (/^kind:\s*FeatureFlag\b/m.test(text) || (/^kind:\s*ConfigMap\b/m.test(text) && text.includes('"flags"')))
    return 'flags';
  return undefined;
}

/** Text that a template engine fills in (Helm, Kustomize vars): not YAML as it stands. */
// Helm's and Go templates' actions, not the `{{ $labels.instance }}` of alert annotations,
// which Prometheus fills in and which are plain YAML strings.
const ACTIONS = [
  ...['\\.Values', '\\.Release', '\\.Chart', '\\.Capabilities', '\\.Files', 'include', 'template', 'toYaml'],
  ...['tpl', 'if', 'else', 'end', 'range', 'with', 'define', 'required', 'default'],
];
const TEMPLATED = new RegExp(String.raw`\{\{-?\s*(${ACTIONS.join('|')})\b`);

/**
 * What the project's rollout, alerting and flag configuration says: Argo Rollouts and Flagger
 * resources, AnalysisTemplates, Prometheus alert rules and flagd definitions, each with its line.
 * A file that is templated, or of a known kind but not readable as expected, is listed as not
 * understood rather than read wrong.
 */
export function readInfrastructure(files: { file: string; text: string }[]): InfrastructureFacts {
  const facts: InfrastructureFacts = {
    controllers: [],
    analysisTemplates: [],
    alertRules: [],
    recordingRules: [],
    flags: [],
    notUnderstood: [],
  };
  for (const { file, text } of files) {
    if (/\.json$/.test(file)) {
      const found = flagFileDefinitions(text, file);
      facts.flags.push(...(found ?? []));
      if (!found && /(flagd|flags)[\w.-]*\.json$/i.test(file))
        facts.notUnderstood.push({
          file,
          line: 1,
          reason: 'it is not a flag definition file this checker reads',
          about: 'flags',
        });
      continue;
    }
    const about = aboutOf(text);
    if (!about) continue;
    if (TEMPLATED.test(text)) {
      const at = positionAt(text, text.search(TEMPLATED));
      facts.notUnderstood.push({ file, ...at, reason: 'it is a template (`{{ … }}`), not YAML as it stands', about });
      continue;
    }
    const broken = (at: LineAndColumn) =>
      facts.notUnderstood.push({ file, ...at, reason: 'it is not valid YAML here', about });
    for (const doc of documents(text, broken)) read(doc, file, facts);
  }
  return facts;
}

function read(doc: Doc, file: string, facts: InfrastructureFacts): void {
  const kind = str(doc.value.kind);
  const api = str(doc.value.apiVersion) ?? '';
  if (kind === 'Rollout' && api.startsWith('argoproj.io/')) facts.controllers.push(argoRollout(doc, file));
  else if (kind === 'Canary' && api.startsWith('flagger.app/')) facts.controllers.push(flaggerCanary(doc, file));
  else if ((kind === 'AnalysisTemplate' || kind === 'ClusterAnalysisTemplate') && api.startsWith('argoproj.io/'))
    facts.analysisTemplates.push(analysisTemplate(doc, file));
  else if (kind === 'PrometheusRule') prometheusRules(doc, file, '/spec', facts);
  else if (!kind && Array.isArray(doc.value.groups)) prometheusRules(doc, file, '', facts);
  else if (kind === 'FeatureFlag' && api.startsWith('core.openfeature.dev/')) {
    const flags = ((doc.value.spec as Json | undefined)?.flagSpec as Json | undefined)?.flags;
    if (isObject(flags))
      facts.flags.push(
        ...flagdEntries(flags, file, (key) => doc.at(`/spec/flagSpec/flags/${escapePointerSegment(key)}`)),
      );
  } else if (kind === 'ConfigMap' && isObject(doc.value.data)) {
    for (const [key, value] of Object.entries(doc.value.data)) {
      if (typeof value !== 'string' || !value.includes('"flags"')) continue;
      const firstLine = doc.textLine(`/data/${escapePointerSegment(key)}`);
      facts.flags.push(...(flagFileDefinitions(value, file, firstLine) ?? []));
    }
  }
}
