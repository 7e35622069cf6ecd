import {
  controllerOf,
  findScaffoldPlaceholders,
  FLOWS_BY_CODE_TYPE,
  SERVICE_CODE_TYPES,
  type CodeFacts,
  type CodeType,
  type FileFacts,
  type FlagFact,
  type FlowName,
  type InspectionFailure,
} from '@deploy-plan/core';
import { detectCodeTypes, detectMethod, detectServices, servicesOf } from './detect';
import { fromController, fromRules, type PlannedStage, type FromRules } from './from-infrastructure';
import { Notes, writeYaml } from './yaml-writer';

export { detectCodeTypes, detectMethod } from './detect';

/** Marks what the code cannot tell; the `completeness/no-placeholders` policy fails on it. */
export const TODO = 'TODO(deploy-plan)';

export interface ScaffoldInput {
  /** Nx project name. */
  project: string;
  /** The project folder, workspace-relative. */
  projectRoot: string;
  code: CodeFacts;
  files: FileFacts;
  /** Path of deploy-plan.schema.json relative to the plan file, for editors. */
  schemaPath: string;
}

export interface Scaffold {
  text: string;
  codeTypes: CodeType[];
  method: string;
  /** What inspection found and the plan was filled from. */
  found: {
    routes: string[];
    healthChecks: string[];
    flags: string[];
    env: string[];
    metrics: string[];
    steps: string[];
  };
  /** How many `TODO(deploy-plan)` values the plan holds: the questions left. */
  questions: number;
  /** The files the deployment steps were read from (package.json, Dockerfile), those present. */
  sources: string[];
  /** Files code inspection could not read: the plan was filled from the others. */
  failures: InspectionFailure[];
}

/** Names a plan can declare in `env` (the schema's pattern); `ProgramFiles(x86)` is not one. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RUNTIME_ENV = /^(NODE_ENV|CI|HOME|PATH|PWD|TZ|HOSTNAME)$/;
const HEALTH = /(^|\/)(health|healthz|ready|readyz|readiness|live|livez|liveness|alive)(\/|$)/i;
/** Routes that serve the platform (probes, scrapes), not the functionality's users. */
const INFRASTRUCTURE = /(^|\/)(metrics|prometheus|ping|status|version|favicon\.ico)(\/|$)/i;
/** Metrics that can gate a rollout: a ratio or a latency (a raw counter only grows). */
const GATE_METRIC = /(ratio|rate|percent|success|error|fail|latency|duration|seconds|_ms$|p9\d)/i;
const PROVIDERS = ['env', 'openfeature', 'launchdarkly', 'unleash', 'growthbook', 'flagsmith', 'configcat'];
const METRIC_TYPES = ['gauge', 'counter', 'histogram', 'summary'];

const todo = (what: string) => `${TODO}: ${what}`;
/** A name for text: a placeholder name is "the metric", so that no text holds two questions. */
const named = (name: string) => (name.startsWith(TODO) ? 'the metric' : name);
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'root';

/** What the sections share while a plan is built: the facts, unique ids, notes, what was found. */
class Builder {
  readonly notes = new Notes();
  readonly found: Scaffold['found'] = { routes: [], healthChecks: [], flags: [], env: [], metrics: [], steps: [] };
  private readonly ids = new Set<string>();
  readonly codeTypes: CodeType[];
  readonly method: string;
  readonly service: boolean;
  readonly services: string[];
  /** Flags this code decides with (one read guards something), at their guarding read. */
  readonly flags: FlagFact[];
  readonly envNames: string[];
  readonly metrics: { name: string; type: string; at: string }[];
  /** What the project's alert rules say about its metrics and alerts, when it has some. */
  readonly rules?: FromRules;
  /** The stages the project's Rollout runs, when it has one. */
  readonly stages?: PlannedStage[];

  constructor(readonly input: ScaffoldInput) {
    const { code, files } = input;
    this.rules = fromRules(
      files.infrastructure,
      code.metrics.map((m) => m.name.replace(/\./g, '_')),
    );
    this.stages = fromController(files.infrastructure, input.project);
    this.codeTypes = detectCodeTypes(code, files);
    this.method = detectMethod(files);
    this.sources = files.dockerfiles.length || files.packageJson ? 'src/**' : '**';
    this.service = this.codeTypes.some((t) => SERVICE_CODE_TYPES.includes(t));
    this.services = detectServices(files, code);
    // A value only passed on is configuration (it stays in env), as code/undeclared-flags sees it.
    this.flags = [...new Map(code.flags.filter((f) => f.guard === 'guards').map((f) => [f.env ?? f.key, f])).values()];
    const fromCode = [...code.env.map((e) => e.name), ...this.flags.flatMap((f) => (f.env ? [f.env] : []))];
    this.envNames = [...new Set(fromCode)].filter((n) => ENV_NAME.test(n) && !RUNTIME_ENV.test(n));
    const gated = (this.stages ?? []).flatMap((s) => s.gates.map((g) => g.metric));
    this.metrics = this.rules
      ? // The alert rules (and the rollout's analysis) say which series matter; the code's raw ones feed them.
        [
          ...this.rules.metrics.map((m) => ({ name: m.name, type: 'gauge', at: m.at })),
          ...[...new Set(gated)]
            .filter((name) => !this.rules!.metrics.some((m) => m.name === name))
            .map((name) => ({ name, type: 'gauge', at: 'the rollout analysis' })),
        ]
      : code.metrics.length
        ? code.metrics.map((m) => ({ name: m.name.replace(/\./g, '_'), type: m.type, at: `${m.file}:${m.line}` }))
        : [
            {
              name: todo('the metric that says the functionality works (none was found in the code)'),
              type: 'gauge',
              at: '',
            },
          ];
    this.found.routes = code.routes.map((r) => `${r.method} ${r.path}`);
    const gate = this.metrics.find((m) => m.type === 'histogram' || m.type === 'summary' || GATE_METRIC.test(m.name));
    const rollbackRule = this.rules?.alerts.find((a) => a.action === 'rollback-immediate');
    this.gateMetric =
      gated[0] ??
      rollbackRule?.metric ??
      gate?.name ??
      (code.metrics.length
        ? todo('a success-rate or latency metric (a raw counter only grows)')
        : this.metrics[0].name);
  }

  /** The files the project's code is in, as the plan names them. */
  readonly sources: string;
  /** The metric gates and triggers read. */
  readonly gateMetric: string;

  uniqueId(base: string): string {
    let id = base;
    for (let n = 2; this.ids.has(id); n++) id = `${base}-${n}`;
    this.ids.add(id);
    return id;
  }
}

function functionality(b: Builder): { value: object; flowIds: Partial<Record<FlowName, string[]>> } {
  const { code, files, projectRoot } = b.input;
  const scripts = Object.keys(files.packageJson?.scripts ?? {});
  const deps = files.packageJson?.dependencies ?? [];
  const testScript = scripts.find((s) => s === 'test') ?? scripts.find((s) => s.startsWith('test'));
  const frameworks = [...new Set(code.routes.map((r) => r.framework))];
  const dependencies: Record<string, unknown> = {
    files: [{ path: b.sources }],
  };
  if (b.services.length) {
    dependencies.services = b.services.map((s) => ({
      name: s,
      description: todo(`what ${s} holds for this functionality`),
      preExisting: true,
    }));
    b.services.forEach((_, i) => b.notes.flow(['functionality', 'dependencies', 'services', i]));
  }
  if (deps.length) dependencies.libraries = deps.slice(0, 12);
  const verification = {
    id: b.uniqueId('tests'),
    kind: testScript ? 'unit' : 'manual',
    description: todo('what the tests prove'),
  };
  if (testScript)
    Object.assign(verification, { command: testScript === 'test' ? 'npm test' : `npm run ${testScript}` });
  const { flows, flowIds } = flowsOf(b);
  const value = {
    purpose: todo('why this functionality exists and for whom'),
    requirements: [todo('what the functionality must do')],
    constraints: Object.fromEntries(
      ['performance', 'scale', 'security', 'storage'].map((c) => [c, todo(`${c} constraint`)]),
    ),
    dependencies,
    edgeCases: [
      {
        id: b.uniqueId('edge-case'),
        description: todo('what can go wrong'),
        handledBy: [todo('the flow steps or verification items that handle it')],
      },
    ],
    verification: [verification],
    context: {
      location: projectRoot,
      structure: frameworks.length ? `${frameworks.join(', ')} (detected)` : todo('how the code is organised'),
    },
    flows,
  };
  b.notes.flow(
    ['functionality', 'dependencies', 'libraries'],
    ['functionality', 'edgeCases', 0],
    ['functionality', 'verification', 0],
  );
  return { value, flowIds };
}

/** The flows of the project's code types; request/user flows from its routes. */
function flowsOf(b: Builder): { flows: Record<string, object[]>; flowIds: Partial<Record<FlowName, string[]>> } {
  const routes = b.input.code.routes.filter((r) => !HEALTH.test(r.path) && !INFRASTRUCTURE.test(r.path));
  const flows: Record<string, object[]> = {};
  const flowIds: Partial<Record<FlowName, string[]>> = {};
  for (const flow of [...new Set(b.codeTypes.flatMap((t) => FLOWS_BY_CODE_TYPE[t]))]) {
    const steps =
      (flow === 'request' || flow === 'user') && routes.length
        ? routes.slice(0, 10).map((r) => ({
            id: b.uniqueId(`${flow}-${r.method.toLowerCase()}-${slug(r.path)}`),
            description: todo(`what happens on ${r.method} ${r.path}`),
            route: `${r.method} ${r.path}`,
          }))
        : [{ id: b.uniqueId(`${flow}-step`), description: todo(`describe the ${flow} flow`) }];
    flows[flow] = steps;
    flowIds[flow] = steps.map((s) => s.id);
    steps.forEach((_, i) => b.notes.flow(['functionality', 'flows', flow, i]));
  }
  return { flows, flowIds };
}

/**
 * The build command for a Dockerfile, with the context its COPY lines expect: the workspace root
 * when they name paths from it (the project's folder, `dist/`, as Nx Dockerfiles do), else the
 * project's folder.
 */
function dockerBuild(dockerfile: FileFacts['dockerfiles'][number], project: string, projectRoot: string): string {
  const fromRoot = (dockerfile.copies ?? []).some(
    (source) => source.startsWith(`${projectRoot}/`) || source === projectRoot || /^(\.\/)?dist\//.test(source),
  );
  return fromRoot ? `docker build -f ${dockerfile.file} -t ${project} .` : `docker build -t ${project} ${projectRoot}`;
}

function deployment(b: Builder, flowSteps: string[]): object {
  const { files, project, projectRoot } = b.input;
  const scripts = Object.keys(files.packageJson?.scripts ?? {});
  const deployScripts = scripts
    .filter((s) => /^deploy/.test(s))
    .sort((x, y) => Number(/prod/.test(x)) - Number(/prod/.test(y)));
  const steps: Record<string, unknown>[] = [];
  const addStep = (id: string, name: string, commands: string[]) => {
    const previous = steps[steps.length - 1]?.id as string | undefined;
    const step: Record<string, unknown> = { id: b.uniqueId(id), name };
    if (previous) step.dependsOn = [previous];
    Object.assign(step, {
      deploys: previous ? [] : [b.sources],
      supports: flowSteps,
      commands,
      verify: { command: todo('a command that proves this step worked'), expect: todo('its expected result') },
    });
    const at = ['deployment', 'steps', steps.length];
    b.notes.flow([...at, 'dependsOn'], [...at, 'deploys'], [...at, 'supports'], [...at, 'commands'], [...at, 'verify']);
    steps.push(step);
  };
  if (scripts.includes('build')) addStep('build', 'Build', ['npm run build']);
  if (files.dockerfiles.length && !deployScripts.length)
    addStep('image', 'Build and push the image', [dockerBuild(files.dockerfiles[0], project, projectRoot)]);
  for (const s of deployScripts) addStep(slug(s), `Run ${s}`, [`npm run ${s}`]);
  if (!steps.length) addStep('deploy', 'Deploy', [todo('the deploy command')]);
  b.found.steps = steps.map((s) => s.id as string);
  b.notes.flow(['deployment', 'environments']);
  b.notes.flow(['deployment', 'environments', 0], ['deployment', 'environments', 1]);
  // `package` is what is left when nothing says how it ships: with no package.json, a question.
  const method =
    b.method === 'package' && !files.packageJson ? todo('how it is deployed (docker, kubernetes, ...)') : b.method;
  return { method, environments: [{ name: 'staging' }, { name: 'production', approval: 'manual' }], steps };
}

function healthChecks(b: Builder): object[] {
  const { code, files } = b.input;
  const healthRoutes = code.routes.filter((r) => HEALTH.test(r.path));
  const checks = new Map<string, 'liveness' | 'readiness'>();
  // A route whose handler checks its dependencies answers readiness, whatever its name.
  for (const r of healthRoutes)
    checks.set(
      r.path,
      /ready|readiness|readyz/i.test(r.path) || r.check === 'checks-dependencies' ? 'readiness' : 'liveness',
    );
  for (const p of files.kubernetes.flatMap((k) => k.probes)) {
    if (p.path && !checks.has(p.path)) checks.set(p.path, p.kind === 'readiness' ? 'readiness' : 'liveness');
  }
  // What the Dockerfile's HEALTHCHECK calls is a health check of the plan too.
  for (const d of files.dockerfiles) {
    const called = d.healthcheck?.path;
    if (called && !checks.has(called))
      checks.set(called, /ready|readiness|readyz/i.test(called) ? 'readiness' : 'liveness');
  }
  // No readiness route in the code: a question, not an invented path the code checks would refute.
  if (![...checks.values()].includes('readiness'))
    checks.set(
      todo('the path of a readiness route that checks the dependencies (none was found in the code)'),
      'readiness',
    );
  return [...checks].map(([path, kind], i) => {
    if (!path.startsWith(TODO)) b.found.healthChecks.push(`${kind} ${path}`);
    b.notes.flow(['healthChecks', i]);
    if (kind === 'liveness') return { path, kind };
    const route = healthRoutes.find((r) => r.path === path);
    if (route?.check) b.notes.add(['healthChecks', i], { after: ` the handler ${route.check}: ${route.checkReason}` });
    b.notes.flow(['healthChecks', i, 'verifies']);
    // What this handler was seen to reach, else every service the project uses.
    const reached = servicesOf(route?.checkReaches ?? []).filter((s) => b.services.includes(s));
    const verifies = reached.length ? reached : b.services;
    return { path, kind, verifies: verifies.length ? verifies : [todo('the dependencies it checks')] };
  });
}

function featureFlags(b: Builder): object[] {
  const answers = (read: string) => ({
    description: todo('what turning it off does'),
    default: false,
    guards: [todo(`the flow steps it switches off${read}`)],
    owner: todo('who decides when to turn it off'),
    removeBy: todo('the date (YYYY-MM-DD) by which the flag is removed'),
  });
  // Flags the project's flag definitions serve that no code read was found for.
  const defined = (b.input.files.infrastructure?.flags ?? []).filter((d) => !b.flags.some((f) => f.key === d.key));
  const served = defined.map((d, i) => {
    b.found.flags.push(d.key);
    b.notes.flow(['featureFlags', b.flags.length + i, 'guards']);
    const fallback = typeof d.defaultValue === 'boolean' ? d.defaultValue : false;
    return { key: d.key, provider: 'openfeature', ...answers(` (served from ${d.file}:${d.line})`), default: fallback };
  });
  if (!b.flags.length && served.length) return served;
  if (!b.flags.length) {
    b.notes.flow(['featureFlags', 0], ['featureFlags', 0, 'guards']);
    // No flag read was found in the code: the flag that can switch the functionality off is a question.
    return [
      {
        key: todo('the flag that can switch this functionality off (no flag read was found in the code)'),
        provider: todo('how it is read: env, openfeature, launchdarkly, unleash, growthbook, ...'),
        ...answers(''),
      },
    ];
  }
  const read = b.flags.map((f, i) => {
    b.found.flags.push(f.env ?? f.key);
    const flag: Record<string, unknown> = {
      key: f.key,
      provider: PROVIDERS.includes(f.provider) ? f.provider : 'custom',
    };
    if (f.env) flag.env = f.env;
    b.notes.flow(['featureFlags', i, 'guards']);
    return { ...flag, ...answers(` (read at ${f.file}:${f.line})`) };
  });
  return [...read, ...served];
}

function env(b: Builder): object[] {
  return b.envNames.map((name, i) => {
    b.found.env.push(name);
    b.notes.flow(['env', i]);
    const secret = /(KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL|DATABASE_URL|DSN)/.test(name);
    return { name, description: todo('what it configures'), ...(secret ? { secret: true } : {}) };
  });
}

function migrations(b: Builder): object {
  const m = b.input.files.migrations[0];
  const root = b.input.projectRoot;
  const out: Record<string, unknown> = {
    tool: ['prisma', 'knex', 'typeorm', 'drizzle', 'sequelize', 'sql'].includes(m?.tool ?? '') ? m.tool : 'other',
  };
  if (m) out.directory = m.directory.startsWith(root) ? m.directory.slice(root.length + 1) : m.directory;
  const change = {
    id: b.uniqueId('migration'),
    description: todo('the schema change this release needs'),
    phase: 'expand',
    runs: 'before-deploy',
  };
  out.changes = [{ ...change, reversible: true, down: todo('the down migration') }];
  b.notes.flow(['migrations', 'changes', 0]);
  return out;
}

function rollout(b: Builder): object {
  if (b.stages) {
    // The stages came from this controller: the one named after the project, else the only one.
    const controller = controllerOf(b.input.files.infrastructure, b.input.project)?.kind;
    return { strategy: 'canary', controller, stages: b.stages.map((s, i) => stageOf(b, s, i)) };
  }
  const stages = [
    [10, '15m'],
    [50, '30m'],
    [100, '1h'],
  ].map(([weight, bake], i) => {
    b.notes.flow(['rollout', 'stages', i, 'gates', 0]);
    const gate = { metric: b.gateMetric, threshold: todo(`the value ${named(b.gateMetric)} must hold to go on`) };
    return { weight, bake, gates: [{ ...gate, initialDelay: '5m', interval: '1m', count: 10 }] };
  });
  return { strategy: 'canary', stages };
}

/** A stage as the Rollout runs it; what its analysis does not say is a question. */
function stageOf(b: Builder, stage: PlannedStage, i: number): object {
  const gates = stage.gates.length
    ? stage.gates.map((g, j) => {
        if (g.threshold === undefined) b.notes.flow(['rollout', 'stages', i, 'gates', j]);
        return { ...g, threshold: g.threshold ?? todo(`the value ${g.metric} must hold to go on`) };
      })
    : undefined;
  return {
    weight: stage.weight,
    // The Rollout does not pause at this weight: how long the plan watches it is a question.
    bake: stage.bake ?? todo(`how long ${stage.weight}% runs before it counts as done`),
    ...(stage.approval ? { approval: stage.approval } : {}),
    ...(gates ? { gates } : {}),
  };
}

function monitoring(b: Builder, flowNames: string[]): object {
  if (b.rules) return monitoringFromRules(b, b.rules, flowNames);
  const metrics = b.metrics.map((m, i) => {
    if (m.at) b.found.metrics.push(m.name);
    b.notes.flow(['monitoring', 'metrics', i, 'tracks'], ['monitoring', 'metrics', i, 'thresholds']);
    const description = todo(`what ${named(m.name)} measures${m.at ? ` (emitted at ${m.at})` : ''}`);
    const type = METRIC_TYPES.includes(m.type) ? m.type : 'gauge';
    return {
      name: m.name,
      type,
      description,
      unit: todo('its unit, e.g. percent, seconds, requests'),
      direction: todo('higher-is-better or lower-is-better'),
      thresholds: { alert: todo('the value that pages'), rollback: todo('the value that rolls back') },
      tracks: flowNames,
      interval: '1m',
      failureLimit: 2,
    };
  });
  // Every metric is read by something: an alert for each one no gate or trigger reads.
  const alerts = b.metrics
    .filter((m) => m.at && m.name !== b.gateMetric)
    .map((m) => ({
      name: `${slug(m.name)}-alert`,
      metric: m.name,
      operator: todo('the comparison that alerts'),
      value: todo('the value that alerts'),
      action: 'alert-team',
    }));
  alerts.forEach((_, i) => b.notes.flow(['monitoring', 'alerts', i]));
  return alerts.length ? { metrics, alerts } : { metrics };
}

/** Metrics and alerts as the project's alert rules have them; what they do not say is a question. */
function monitoringFromRules(b: Builder, rules: FromRules, flowNames: string[]): object {
  const metrics = b.metrics.map((m, i) => {
    b.found.metrics.push(m.name);
    const ruled = rules.metrics.find((r) => r.name === m.name);
    b.notes.flow(['monitoring', 'metrics', i, 'tracks']);
    return {
      name: m.name,
      type: 'gauge',
      description: todo(`what ${m.name} measures (from ${m.at})`),
      unit: todo('its unit, e.g. percent, seconds, requests'),
      direction: ruled?.direction ?? todo('higher-is-better or lower-is-better'),
      thresholds: {
        alert: ruled?.alert ?? todo('the value that pages'),
        rollback: ruled?.rollback ?? todo('the value that rolls back'),
      },
      tracks: flowNames,
      interval: '1m',
      failureLimit: 2,
      ...(ruled?.query ? { query: ruled.query } : {}),
    };
  });
  return { metrics, alerts: rules.alerts };
}

function rollback(b: Builder): object {
  const level = (n: number, kind: string, maxDuration: string, when: string) => {
    const verification = [{ command: todo('proof it worked'), expect: todo('expected result') }];
    return {
      level: n,
      kind,
      maxDuration,
      useWhen: todo(when),
      actions: [todo('the commands that perform it')],
      verification,
    };
  };
  const levels = [];
  if (b.flags.length || b.service)
    levels.push(level(1, 'feature-flag', '3m', 'when the new functionality breaks but the rest works'));
  if (b.envNames.length) levels.push(level(2, 'configuration', '8m', 'when a configuration change broke it'));
  levels.push(level(3, 'code', '10m', 'when the new code breaks the functionality'));
  levels.forEach((_, i) =>
    b.notes.flow(['rollback', 'levels', i, 'actions'], ['rollback', 'levels', i, 'verification', 0]),
  );
  // The alert rule that rolls back answers the immediate trigger, when there is one.
  const rule = b.rules?.alerts.find((a) => a.action === 'rollback-immediate');
  const metric = rule?.metric ?? b.gateMetric;
  const condition = { operator: todo('the comparison'), value: todo('the value') };
  const triggers: object[] = [
    {
      description: `${named(metric)} shows the functionality broken`,
      response: 'immediate',
      metric,
      ...(rule ? { operator: rule.operator, value: rule.value } : condition),
      level: 3,
    },
  ];
  // The plan asks for a storage constraint, and a project that stores data needs a data-loss trigger.
  {
    triggers.push({ description: 'Data lost or corrupted', response: 'immediate', signal: 'data-loss', level: 3 });
  }
  triggers.push({
    description: `${named(metric)} degraded: decide within 15 minutes`,
    response: 'evaluate',
    within: '15m',
    metric,
    ...condition,
    level: 3,
  });
  triggers.push({ description: 'Single user report', response: 'monitor', signal: 'user-reports' });
  triggers.forEach((_, i) => b.notes.flow(['rollback', 'triggers', i]));
  return { levels, triggers };
}

/**
 * Writes a first plan for a project from what inspection found: code types, routes, health
 * checks, flags, env, metrics, deployment steps from npm scripts and Dockerfile, the method from
 * the files present, three rollback levels and a 10/50/100 rollout. What the code cannot tell is
 * a `TODO(deploy-plan)` placeholder, and the plan fails the check until they are all answered.
 * The plan is built as data, one section at a time, and written as one YAML document.
 */
export function scaffoldPlan(input: ScaffoldInput): Scaffold {
  const b = new Builder(input);
  const { value: functionalityValue, flowIds } = functionality(b);
  const plan: Record<string, unknown> = {
    apiVersion: 'deploy-plan/v1',
    project: input.project,
    owner: todo('team or person accountable for this deployment'),
    codeTypes: b.codeTypes,
    functionality: functionalityValue,
    deployment: deployment(b, Object.values(flowIds).flat<string[][]>()),
  };
  if (b.service) plan.healthChecks = healthChecks(b);
  if (b.flags.length || b.service) plan.featureFlags = featureFlags(b);
  if (b.envNames.length) plan.env = env(b);
  if (b.codeTypes.includes('database')) plan.migrations = migrations(b);
  if (b.service) plan.rollout = rollout(b);
  plan.monitoring = monitoring(b, Object.keys(flowIds));
  plan.rollback = rollback(b);
  b.notes.flow(['codeTypes']);
  const header = [
    ` yaml-language-server: $schema=${input.schemaPath}`,
    " Scaffolded by `deploy-plan scaffold` from the project's code and files.",
    ` Every ${TODO} is something the code cannot tell: the check fails until each is answered.`,
  ].join('\n');
  const text = writeYaml(plan, b.notes.list, header, new Set(Object.keys(plan).slice(4)));
  const sources = [
    ...(input.files.packageJson ? ['package.json'] : []),
    ...(input.files.dockerfiles.length ? ['Dockerfile'] : []),
  ];
  return {
    text,
    codeTypes: b.codeTypes,
    method: b.method,
    found: b.found,
    questions: findScaffoldPlaceholders(plan).length,
    sources,
    failures: input.code.failures ?? [],
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * What a scaffold filled in and what is left, for the CLI and the generator to print: only what
 * exists is counted, and the last line names the command that checks the answers.
 */
export function describeScaffold(scaffold: Scaffold, checkDir: string): string[] {
  const f = scaffold.found;
  const seen = [
    plural(f.routes.length, 'route'),
    plural(f.healthChecks.length, 'health check'),
    plural(f.flags.length, 'flag'),
    plural(f.env.length, 'env variable'),
    plural(f.metrics.length, 'metric'),
  ].filter((t) => !t.startsWith('0 '));
  const steps = scaffold.sources.length
    ? [`${plural(f.steps.length, 'deployment step')} from ${scaffold.sources.join(' and ')}`]
    : [];
  const filled = [...seen, ...steps];
  return [
    `${scaffold.codeTypes.join(', ')} code, deployed with ${scaffold.method}.`,
    filled.length
      ? `Filled in from the project: ${filled.join(', ')}.`
      : 'Nothing could be filled in from the project.',
    `${plural(scaffold.questions, 'question')} left (each a ${TODO}): answer them, then run ` +
      `\`deploy-plan check ${checkDir}\`.`,
  ];
}
