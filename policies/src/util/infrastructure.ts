import type {
  AnalysisTemplateFact,
  InfrastructureFacts,
  LineAndColumn,
  RolloutControllerFact,
} from '@deploy-plan/core';

/** Where a finding in a configuration file points: the fact's line and column (1 when unknown). */
export function siteIn(file: string, { line, column }: LineAndColumn): { file: string; line: number; column: number } {
  return { file, line, column: column ?? 1 };
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

/** The files of this kind the reader could not understand, as a finding's data and place. */
export function notUnderstood(
  infra: InfrastructureFacts | undefined,
  about: InfrastructureFacts['notUnderstood'][number]['about'],
): { data: { reason: string }; target: 'key'; at: { file: string; line: number; column: number } }[] {
  return (infra?.notUnderstood ?? [])
    .filter((u) => u.about === about)
    .map((n) => ({ data: { reason: n.reason }, target: 'key', at: siteIn(n.file, n) }));
}
