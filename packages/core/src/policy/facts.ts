/**
 * Facts about a project that policies read besides the plan. Produced by `@deploy-plan/inspect`
 * (code and project files) and by the Nx integration (graph); plain JSON so they can be cached
 * by content hash. Core only names the shapes: it does not gather them.
 */
export interface ProjectFacts {
  /** Code facts from ts-morph (routes, flags, env, metrics), when a policy needs `code`. */
  code?: CodeFacts;
  /** Project-file facts (package.json, Dockerfile, manifests...), when a policy needs `files`. */
  files?: FileFacts;
  /** Project graph facts, when a policy needs `graph`. */
  graph?: GraphFacts;
  /**
   * What could not be inspected (a file that threw, a project whose facts could not be
   * gathered): each becomes a `code/inspection-failed` finding, and the run goes on.
   */
  failures?: InspectionFailure[];
}

export type Confidence = 'literal' | 'resolved' | 'env-derived' | 'dynamic';
export type HealthCheckClass = 'checks-dependencies' | 'weak' | 'returns-constant';
export type GuardClass = 'guards' | 'read-only';

export interface SourceSite {
  /** Workspace-relative POSIX path. */
  file: string;
  line: number;
  column: number;
}

export interface RouteFact extends SourceSite {
  method: string;
  /** Full path after every prefix, e.g. `/api/v1/orders/:id`. */
  path: string;
  confidence: Confidence;
  framework: string;
  /** For health-like routes: what the handler checks. */
  check?: HealthCheckClass;
  /** Why the handler was classified so (the dependency call found, or what it returns). */
  checkReason?: string;
  /** For a handler that checks dependencies: the client packages (or client names) its check reaches. */
  checkReaches?: string[];
}

export interface FlagFact extends SourceSite {
  key: string;
  /** Set when the flag is an environment variable. */
  env?: string;
  provider: string;
  guard: GuardClass;
}

export interface EnvFact extends SourceSite {
  name: string;
}

export interface MetricFact extends SourceSite {
  name: string;
  type: string;
}

/** A file (or a part of one) that code inspection could not handle: its facts are missing. */
export interface InspectionFailure extends SourceSite {
  /** The first line of the error. */
  message: string;
  /**
   * `parse`: the TypeScript parser itself could not read the file (nested deeper than it
   * allows); `analysis` (the default): deploy-plan's own inspection failed on it.
   */
  stage?: 'parse' | 'analysis';
}

/** What code inspection saw but could not follow, so that policies do not claim absence. */
export interface CodeUnknowns {
  /** Calls that look like route registrations on something that is not a known router or app. */
  routeSites: SourceSite[];
  /** Source files left out because the project is over the file cap. */
  omittedFiles: number;
  /** The file cap in force (config `inspect.maxSourceFiles`). */
  fileLimit?: number;
}

export interface CodeFacts {
  routes: RouteFact[];
  flags: FlagFact[];
  env: EnvFact[];
  metrics: MetricFact[];
  /** Files inspected, workspace-relative. */
  files: string[];
  /** Files or analyses that failed; each becomes a `code/inspection-failed` finding. */
  failures?: InspectionFailure[];
  /** What could not be followed (see CodeUnknowns). */
  unknowns?: CodeUnknowns;
}

export interface FileFacts {
  /** The project folder, workspace-relative. */
  root: string;
  packageJson?: { name?: string; scripts: Record<string, string>; dependencies: string[]; bin: boolean };
  dockerfiles: {
    file: string;
    healthcheck?: { command: string; path?: string; line: number; column?: number };
    expose: number[];
    /** What COPY and ADD take from the build context, as written (absent in facts from older caches). */
    copies?: string[];
  }[];
  compose: { file: string; service: string; healthcheck?: string; line: number; column?: number }[];
  kubernetes: {
    file: string;
    kind: string;
    name: string;
    probes: {
      kind: 'liveness' | 'readiness' | 'startup';
      path?: string;
      port?: number | string;
      line: number;
      column?: number;
    }[];
  }[];
  ci: { file: string; system: string }[];
  serverless: { file: string; kind: string }[];
  migrations: { tool: string; directory: string; count: number }[];
  /** Nx targets of the project from its project.json and package.json scripts. */
  targets: string[];
  /**
   * The workspace root's package.json scripts, for a project without a package.json (an
   * integrated repository has one package.json, and `npm run` finds it from the project).
   */
  workspaceScripts?: Record<string, string>;
  /** True when nx.json registers plugins, which may infer targets no file of the project lists. */
  nxPlugins?: boolean;
  /** Rollout controllers, analysis templates, alert rules and flag definitions in the project. */
  infrastructure?: InfrastructureFacts;
}

/** Where in a configuration file a resource or a part of it is. */
export interface LineAndColumn {
  line: number;
  /** 1-based; absent where the reader cannot tell (a flag in JSON inside a ConfigMap). */
  column?: number;
}

/** A configuration file and where in it a resource or entry is. */
export interface FileSite extends LineAndColumn {
  file: string;
}

/** A rollout controller's resource: Argo Rollouts `Rollout` or Flagger `Canary`. */
export interface RolloutControllerFact extends FileSite {
  kind: 'argo-rollouts' | 'flagger';
  name: string;
  strategy: 'canary' | 'blue-green' | 'unknown';
  /** What it does in order: set a weight, pause (no duration: until promoted), run an analysis. */
  steps: (
    | ({ kind: 'weight'; weight: number } & LineAndColumn)
    | ({ kind: 'pause'; duration?: string } & LineAndColumn)
    | ({ kind: 'analysis'; templates: string[] } & LineAndColumn)
  )[];
  /** Argo's background analysis, run through every step. */
  background?: { templates: string[] } & LineAndColumn;
  /** Flagger's metrics, with their threshold range. */
  metrics?: ({ name: string; min?: number; max?: number; interval?: string; template?: string } & LineAndColumn)[];
  /** Flagger's `threshold`: failed checks before it rolls back. */
  failureLimit?: number;
  /** Flagger's analysis `interval`: it checks its metrics once per interval, then moves to the next weight. */
  interval?: string;
}

/** An Argo Rollouts `AnalysisTemplate` (or cluster one) and its metrics. */
export interface AnalysisTemplateFact extends FileSite {
  name: string;
  metrics: ({
    name: string;
    successCondition?: string;
    failureCondition?: string;
    interval?: string;
    initialDelay?: string;
    count?: number;
    failureLimit?: number;
    query?: string;
  } & LineAndColumn)[];
}

/** A Prometheus alerting rule (from a `PrometheusRule` or a plain rule file). */
export interface AlertRuleFact extends FileSite {
  alert: string;
  expr: string;
  for?: string;
  /** The rule group's evaluation interval, when it sets one. */
  interval?: string;
  labels: Record<string, string>;
}

/** A feature flag as its provider's definitions serve it (flagd JSON, alone or in a ConfigMap). */
export interface FlagDefinitionFact extends FileSite {
  key: string;
  provider: string;
  defaultVariant?: string;
  defaultValue?: unknown;
  enabled: boolean;
}

/** What the project's rollout, alerting and flag configuration says. */
export interface InfrastructureFacts {
  controllers: RolloutControllerFact[];
  analysisTemplates: AnalysisTemplateFact[];
  alertRules: AlertRuleFact[];
  /** Recording rules: the series they record, and from what. */
  recordingRules: (FileSite & { record: string; expr: string })[];
  flags: FlagDefinitionFact[];
  /** Files of these kinds that could not be read as they are (templated), with why. */
  notUnderstood: (FileSite & { reason: string; about: 'rollout' | 'alerts' | 'flags' })[];
}

export interface GraphFacts {
  /** Nx project name -> the projects it depends on. */
  dependencies: Record<string, string[]>;
  /** Nx project name -> its targets (inferred ones included). */
  targets?: Record<string, string[]>;
  /** Nx project name -> its root folder, workspace-relative. */
  roots?: Record<string, string>;
}

/**
 * The Nx targets of a project as far as they are known: its project.json and package.json
 * scripts, and the targets of its node in Nx's project graph (inferred ones included) when Nx has
 * computed one. `complete` is false when plugins may infer targets that only the graph shows.
 */
export function knownTargets(
  files: FileFacts,
  graph: GraphFacts | undefined,
  project?: string,
): { targets: string[]; complete: boolean } {
  const roots = graph?.roots ?? {};
  const name = Object.keys(roots).find((n) => roots[n] === files.root) ?? project;
  const inGraph =
    name !== undefined && graph?.targets && Object.hasOwn(graph.targets, name) ? graph.targets[name] : undefined;
  const targets = [...new Set([...files.targets, ...(inGraph ?? [])])].sort();
  return { targets, complete: inGraph !== undefined || !files.nxPlugins };
}
