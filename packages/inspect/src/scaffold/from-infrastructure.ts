import {
  comparison,
  controllerOf,
  controllerStages,
  formatDuration,
  type AlertRuleFact,
  type Comparison,
  type InfrastructureFacts,
} from '@deploy-plan/core';

/**
 * What the project's own rollout, alerting and flag configuration answers for a scaffold: when
 * a Rollout, a PrometheusRule or flag definitions exist, the plan starts from them, so its first
 * check compares like with like instead of asking what the files already say.
 */

type Operator = Comparison['operator'];

/** A metric the alert rules read, with what they say about it. */
export interface RuleMetric {
  name: string;
  /** The recording rule's expression, when the series is recorded. */
  query?: string;
  /** Where it is recorded or first alerted on. */
  at: string;
  direction: 'higher-is-better' | 'lower-is-better';
  alert?: number;
  rollback?: number;
}

export interface RuleAlert {
  name: string;
  metric: string;
  operator: Operator;
  value: number;
  for?: string;
  action: 'rollback-immediate' | 'page' | 'alert-team';
}

export interface FromRules {
  metrics: RuleMetric[];
  alerts: RuleAlert[];
}

const reads = (expr: string, name: string) =>
  new RegExp(`(^|[^\\w:])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w:]|$)`).test(expr);

/**
 * The plan's metrics and alerts as the alert rules have them: each rule that compares one known
 * series (recorded, or emitted by the code) with a number. On each metric the most extreme
 * value is the one that rolls back, the least extreme the one that alerts.
 */
export function fromRules(
  infra: InfrastructureFacts | undefined,
  codeMetrics: readonly string[],
): FromRules | undefined {
  if (!infra?.alertRules.length) return undefined;
  const recorded = new Map(infra.recordingRules.map((r) => [r.record, r]));
  const known = [...recorded.keys(), ...codeMetrics];
  const read: { rule: AlertRuleFact; metric: string; operator: Operator; value: number }[] = [];
  for (const rule of infra.alertRules) {
    const metric = known.find((name) => reads(rule.expr, name));
    const compared = comparison(rule.expr);
    if (metric && compared) read.push({ rule, metric, ...compared });
  }
  if (!read.length) return undefined;
  const metrics = [...new Set(read.map((r) => r.metric))].map((name): RuleMetric => {
    const own = read.filter((r) => r.metric === name);
    const higher = own[0].operator.startsWith('<');
    const values = own.map((r) => r.value).sort((a, b) => (higher ? b - a : a - b));
    const source = recorded.get(name) ?? own[0].rule;
    return {
      name,
      ...(recorded.get(name) ? { query: recorded.get(name)!.expr.replace(/\s+/g, ' ').trim() } : {}),
      at: `${source.file}:${source.line}`,
      direction: higher ? 'higher-is-better' : 'lower-is-better',
      alert: values[0],
      ...(values.length > 1 ? { rollback: values[values.length - 1] } : {}),
    };
  });
  const alerts = read.map(({ rule, metric, operator, value }): RuleAlert => {
    const m = metrics.find((x) => x.name === metric)!;
    const action =
      m.rollback === value
        ? 'rollback-immediate'
        : /^(critical|page)$/.test(rule.labels.severity ?? '')
          ? 'page'
          : 'alert-team';
    return { name: rule.alert, metric, operator, value, ...(rule.for ? { for: rule.for } : {}), action };
  });
  return { metrics, alerts };
}

export interface PlannedStage {
  weight: number;
  bake?: string;
  approval?: 'manual';
  gates: {
    metric: string;
    threshold?: number;
    interval?: string;
    count?: number;
    failureLimit?: number;
    initialDelay?: string;
  }[];
}

/**
 * The rollout stages the project's Rollout runs (its weights, pauses and analyses) with the gates
 * its AnalysisTemplates measure; undefined without one Argo Rollout to read.
 */
export function fromController(infra: InfrastructureFacts | undefined, project: string): PlannedStage[] | undefined {
  const controller = controllerOf(infra, project);
  if (!controller || controller.strategy !== 'canary' || !controller.steps.some((s) => s.kind === 'weight'))
    return undefined;
  const stages = controllerStages(controller);
  const background = controller.background?.templates ?? [];
  // Flagger checks the same metrics at every step, and promotes to 100% once they pass.
  const flagger: PlannedStage['gates'] = (controller.metrics ?? []).map((m) => ({
    metric: m.name,
    ...((m.min ?? m.max) !== undefined ? { threshold: (m.min ?? m.max)! } : {}),
    ...(controller.interval ? { interval: controller.interval, count: 1 } : {}),
    ...(controller.failureLimit !== undefined ? { failureLimit: controller.failureLimit } : {}),
  }));
  // A pause that waits for promotion holds the next stage until someone approves it.
  return stages.map((s, i) => ({
    weight: s.weight,
    ...(s.pauseMs ? { bake: formatDuration(s.pauseMs) } : {}),
    ...(stages[i - 1]?.waitsForPromotion ? { approval: 'manual' as const } : {}),
    gates:
      controller.kind === 'flagger'
        ? flagger
        : gatesOf(infra!, [...s.analyses.flatMap((a) => a.templates), ...background]),
  }));
}

function gatesOf(infra: InfrastructureFacts, templates: readonly string[]): PlannedStage['gates'] {
  return [...new Set(templates)].flatMap((name) =>
    (infra.analysisTemplates.find((t) => t.name === name)?.metrics ?? []).map((m) => {
      const threshold = comparison(m.successCondition)?.value;
      return {
        metric: m.name,
        ...(threshold !== undefined ? { threshold } : {}),
        ...(m.initialDelay ? { initialDelay: m.initialDelay } : {}),
        ...(m.interval ? { interval: m.interval } : {}),
        ...(m.count !== undefined ? { count: m.count } : {}),
        ...(m.failureLimit !== undefined ? { failureLimit: m.failureLimit } : {}),
      };
    }),
  );
}
