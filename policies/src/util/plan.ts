import type { DeployPlan, FlowName, FlowStep, Metric } from '@deploy-plan/core';
import { FLOWS_BY_CODE_TYPE, SERVICE_CODE_TYPES, isPlaceholder, parseDuration } from '@deploy-plan/core';

/** A flow step with where it sits. */
export interface LocatedStep {
  flow: FlowName;
  index: number;
  step: FlowStep;
  pointer: string;
}

/**
 * Derived views of a plan, computed once per plan and shared by every policy. Policies never
 * change the plan (the pack is tested on frozen plans), so a view cannot go stale.
 */
function memo<T>(compute: (plan: DeployPlan) => T): (plan: DeployPlan) => T {
  // Policies run plan after plan, so the last plan's view is the one asked for again: one slot
  // is enough, cheaper than a WeakMap, and holds on to one plan at most.
  let lastPlan: DeployPlan | undefined;
  let lastValue: T | undefined;
  return (plan) => {
    if (plan !== lastPlan) {
      lastValue = compute(plan);
      lastPlan = plan;
    }
    return lastValue as T;
  };
}

/** Every flow step of the plan, in flow order. */
export const flowSteps = memo((plan: DeployPlan): LocatedStep[] => {
  const out: LocatedStep[] = [];
  for (const [flow, steps] of flowEntries(plan)) {
    (steps ?? []).forEach((step, index) =>
      out.push({ flow, index, step, pointer: `/functionality/flows/${flow}/${index}` }),
    );
  }
  return out;
});

/** Ids of every flow step. */
export const flowStepIds = memo((plan: DeployPlan): Set<string> => new Set(flowSteps(plan).map((s) => s.step.id)));

/** The plan's flows with their steps (a flow may be declared empty). */
export function flowEntries(plan: DeployPlan): [FlowName, FlowStep[] | undefined][] {
  return Object.entries(plan.functionality.flows ?? {}) as [FlowName, FlowStep[] | undefined][];
}

/** Flows that have at least one step. */
export function presentFlows(plan: DeployPlan): FlowName[] {
  return flowEntries(plan)
    .filter(([, steps]) => (steps ?? []).length > 0)
    .map(([flow]) => flow);
}

/** The flows the plan's code types require. */
export function requiredFlows(plan: DeployPlan): Set<FlowName> {
  return new Set(plan.codeTypes.flatMap((t) => FLOWS_BY_CODE_TYPE[t] ?? []));
}

/** Declared metrics by name, with their index. */
export const metricsByName = memo((plan: DeployPlan): Map<string, { metric: Metric; index: number }> => {
  return new Map((plan.monitoring.metrics ?? []).map((metric, index) => [metric.name, { metric, index }]));
});

/** Whether the plan's code runs as a service (ui, api, integration, background-job). */
export function isService(plan: DeployPlan): boolean {
  return plan.codeTypes.some((t) => SERVICE_CODE_TYPES.includes(t));
}

/** Why the functionality stores data (database code, migrations, a data flow, a storage constraint), or undefined. */
export function storesData(plan: DeployPlan): string | undefined {
  if (plan.codeTypes.includes('database')) return 'database code';
  if (plan.migrations) return 'it has migrations';
  if ((plan.functionality.flows?.data ?? []).length > 0) return 'it has a data flow';
  const storage = plan.functionality.constraints?.storage;
  if (storage && !isPlaceholder(storage) && !/^\s*(none|no|n\/a|nothing)\b/i.test(storage))
    return 'it states a storage constraint';
  return undefined;
}

/** Milliseconds of a duration that the schema has already checked. */
export function ms(duration: string | undefined): number | undefined {
  return parseDuration(duration);
}

/** "`a`, `b` and `c`" */
export function listAnd(items: readonly string[]): string {
  const quoted = items.map((i) => `\`${i}\``);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/** Does `value` pass `threshold` in the metric's direction? Higher-is-better: at or above. */
export function isOnGoodSide(direction: Metric['direction'], value: number, threshold: number): boolean {
  return direction === 'lower-is-better' ? value <= threshold : value >= threshold;
}
