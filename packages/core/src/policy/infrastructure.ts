import { parseDuration } from '../duration';
import type { InfrastructureFacts, LineAndColumn, RolloutControllerFact } from './facts';

/** How an alert rule or an analysis compares a value with a number. */
export type Comparison = { operator: '<' | '<=' | '>' | '>='; value: number };

const NUMBER = String.raw`-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?`;
const AFTER = new RegExp(String.raw`(<=|>=|<|>)\s*(?:bool\s+)?(${NUMBER})(?![\w.])`, 'g');
const BEFORE = new RegExp(String.raw`(?<![\w.])(${NUMBER})\s*(<=|>=|<|>)(?!=)`, 'g');
const FLIP = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;

/**
 * The comparisons with a number in a PromQL expression or an Argo Rollouts condition, each as
 * `value <operator> number`: `rate < 50` and `50 > rate` alike, `result[0] >= 95` too.
 */
export function comparisons(expr: string): Comparison[] {
  const found: Comparison[] = [];
  for (const m of expr.matchAll(AFTER)) found.push({ operator: m[1] as Comparison['operator'], value: Number(m[2]) });
  for (const m of expr.matchAll(BEFORE)) found.push({ operator: FLIP[m[2] as keyof typeof FLIP], value: Number(m[1]) });
  return found;
}

/** The one comparison of an expression, or undefined when it has none or several. */
export function comparison(expr: string | undefined): Comparison | undefined {
  const found = comparisons(expr ?? '');
  return found.length === 1 ? found[0] : undefined;
}

/** The project's rollout controller: the one named after it, else the only one. */
export function controllerOf(
  infra: InfrastructureFacts | undefined,
  ...names: string[]
): RolloutControllerFact | undefined {
  const controllers = infra?.controllers ?? [];
  return controllers.find((c) => names.includes(c.name)) ?? (controllers.length === 1 ? controllers[0] : undefined);
}

/** What a rollout controller does at one weight: how long it waits, and the analyses it runs. */
export interface ControllerStage extends LineAndColumn {
  weight: number;
  /** The pauses with a duration, added up, in ms. */
  pauseMs: number;
  /** A pause without a duration: it waits for someone to promote it. */
  waitsForPromotion: boolean;
  /** Where its first pause is. */
  pause?: LineAndColumn;
  analyses: ({ templates: string[] } & LineAndColumn)[];
}

/** The line and column of a fact, without its other fields. */
const siteOf = ({ line, column }: LineAndColumn): LineAndColumn => (column === undefined ? { line } : { line, column });

/** A controller's steps grouped by weight, with the promotion to 100% it does at the end when implicit. */
export function controllerStages(controller: RolloutControllerFact): ControllerStage[] {
  const stages: ControllerStage[] = [];
  for (const step of controller.steps) {
    const current = stages[stages.length - 1];
    if (step.kind === 'weight')
      stages.push({ weight: step.weight, ...siteOf(step), pauseMs: 0, waitsForPromotion: false, analyses: [] });
    else if (!current) continue;
    else if (step.kind === 'analysis') current.analyses.push({ templates: step.templates, ...siteOf(step) });
    else {
      if (step.duration) current.pauseMs += parseDuration(step.duration) ?? 0;
      else current.waitsForPromotion = true;
      current.pause ??= siteOf(step);
    }
  }
  const last = stages[stages.length - 1];
  if (!last || last.weight < 100)
    stages.push({ weight: 100, ...siteOf(controller), pauseMs: 0, waitsForPromotion: false, analyses: [] });
  return stages;
}
