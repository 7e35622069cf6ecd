import {
  parseDuration,
  type AnalysisTemplateFact,
  type InfrastructureFacts,
  type RolloutControllerFact,
} from '@deploy-plan/core';

/** The project's rollout controller: the one named after it, else the only one. */
export function controllerOf(
  infra: InfrastructureFacts,
  project: string,
  planProject: string,
): RolloutControllerFact | undefined {
  const named = infra.controllers.filter((c) => c.name === project || c.name === planProject);
  return named[0] ?? (infra.controllers.length === 1 ? infra.controllers[0] : undefined);
}

/** What the controller does at one weight: how long it waits and which analyses it runs. */
export interface ControllerStage {
  weight: number;
  line: number;
  /** Total pause in ms; Infinity for a pause that waits for promotion. */
  pause: number;
  pauseLine?: number;
  analysis: { templates: string[]; line: number }[];
}

/** The controller's steps grouped by weight; the promotion to 100% it does at the end, when implicit. */
export function stagesOf(controller: RolloutControllerFact): ControllerStage[] {
  const stages: ControllerStage[] = [];
  for (const step of controller.steps) {
    if (step.kind === 'weight') {
      stages.push({ weight: step.weight, line: step.line, pause: 0, analysis: [] });
      continue;
    }
    const current = stages[stages.length - 1];
    if (!current) continue;
    if (step.kind === 'pause') {
      current.pause += step.duration ? (parseDuration(step.duration) ?? 0) : Infinity;
      current.pauseLine ??= step.line;
    } else current.analysis.push({ templates: step.templates, line: step.line });
  }
  const last = stages[stages.length - 1];
  if (!last || last.weight < 100) stages.push({ weight: 100, line: controller.line, pause: 0, analysis: [] });
  return stages;
}

export const normalise = (s: string) => s.replace(/\s+/g, '');

/** Names and queries the analyses measure (normalised), or undefined when a template is not in the project. */
export function measuredMetrics(
  controller: RolloutControllerFact,
  analyses: { templates: string[] }[],
  templates: ReadonlyMap<string, AnalysisTemplateFact>,
): string[] | undefined {
  if (controller.kind === 'flagger')
    return (controller.metrics ?? []).flatMap((m) => [m.name, ...(m.template ? [m.template] : [])]);
  const names = analyses.flatMap((a) => a.templates);
  if (names.some((n) => !templates.has(n))) return undefined;
  return names.flatMap((n) => templates.get(n)!.metrics.flatMap((m) => [m.name, normalise(m.query ?? '')]));
}
