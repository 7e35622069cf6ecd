import {
  comparison,
  controllerOf,
  controllerStages,
  definePolicy,
  parseDuration,
  type Comparison,
  type LineAndColumn,
  type RolloutControllerFact,
} from '@deploy-plan/core';
import { normalise, siteIn } from '../util/infrastructure';
import { metricsByName } from '../util/plan';

type Field = 'threshold' | 'direction' | 'interval' | 'count' | 'failureLimit' | 'initialDelay';

/** What the controller measures for one gate, in the plan's terms, and where. */
interface Measured {
  where: string;
  site: LineAndColumn;
  file: string;
  /** The comparison that passes, from `successCondition` (or the inverse of `failureCondition`). */
  passes?: Comparison;
  interval?: string;
  initialDelay?: string;
  count?: number;
  failureLimit?: number;
}

const INVERSE = { '<': '>=', '<=': '>', '>': '<=', '>=': '<' } as const;

/** The analysis metric that measures `metric` in a stage: an AnalysisTemplate's, or a Flagger metric. */
function measure(
  controller: RolloutControllerFact,
  templates: readonly {
    name: string;
    file: string;
    metrics: import('@deploy-plan/core').AnalysisTemplateFact['metrics'];
  }[],
  metric: string,
  query: string | undefined,
): Measured | undefined {
  if (controller.kind === 'flagger') {
    const m = (controller.metrics ?? []).find((x) => x.name === metric || x.template === metric);
    if (!m) return undefined;
    // Flagger passes a metric inside its threshold range: at least `min`, at most `max`.
    const passes =
      m.min !== undefined
        ? { operator: '>=' as const, value: m.min }
        : m.max !== undefined
          ? { operator: '<=' as const, value: m.max }
          : undefined;
    // Flagger checks each metric once per analysis interval, then moves to the next weight.
    return {
      passes,
      where: `Canary \`${controller.name}\``,
      file: controller.file,
      site: m,
      interval: controller.interval,
      count: 1,
      failureLimit: controller.failureLimit,
    };
  }
  for (const t of templates) {
    const m = t.metrics.find(
      (x) =>
        x.name === metric ||
        (x.query && (normalise(x.query).includes(metric) || (query && normalise(x.query).includes(normalise(query))))),
    );
    if (!m) continue;
    const success = comparison(m.successCondition);
    const failure = comparison(m.failureCondition);
    const passes = success ?? (failure ? { operator: INVERSE[failure.operator], value: failure.value } : undefined);
    return {
      where: `AnalysisTemplate \`${t.name}\``,
      file: t.file,
      site: m,
      passes,
      interval: m.interval,
      initialDelay: m.initialDelay,
      count: m.count,
      failureLimit: m.failureLimit,
    };
  }
  return undefined;
}

export default definePolicy<Field>({
  id: 'rollout/gates-match-analysis',
  meta: {
    severity: 'important',
    checklist: 'important-1',
    description: "Each gate's threshold, cadence and failure limit are the ones its rollout analysis uses",
    rationale:
      'A gate is only as strict as the analysis that implements it. A plan gating on "success rate ' +
      '≥ 95, ten checks a minute apart, two failures allowed" while the AnalysisTemplate passes at ' +
      '80 or allows ten failures stops nothing the plan says it stops.',
    messages: {
      threshold:
        'The {{where}} passes `{{metric}}` at {{found}}, but the gate in stage {{stage}} holds it at {{expected}}.',
      direction:
        'The {{where}} passes `{{metric}}` when it is {{found}}, but `{{metric}}` is {{direction}}: the analysis ' +
        'fails the rollout when the metric is good.',
      interval:
        'The {{where}} measures `{{metric}}` every {{found}}, but the gate in stage {{stage}} every {{expected}}.',
      count: 'The {{where}} measures `{{metric}}` {{found}} times, but the gate in stage {{stage}} {{expected}} times.',
      failureLimit:
        'The {{where}} allows {{found}} failed measurements of `{{metric}}`, ' +
        'but the gate in stage {{stage}} {{expected}}.',
      initialDelay:
        'The {{where}} starts measuring `{{metric}}` after {{found}}, ' +
        'but the gate in stage {{stage}} after {{expected}}.',
    },
    needs: ['files'],
    examples: {
      fail:
        '# k8s/analysis.yaml: metrics: [{ name: ok_rate, successCondition: result[0] >= 80, count: 10 }]\n' +
        'stages:\n  - { weight: 10, gates: [{ metric: ok_rate, threshold: 95, count: 10 }] }',
      pass:
        '# k8s/analysis.yaml: metrics: [{ name: ok_rate, successCondition: result[0] >= 95, count: 10 }]\n' +
        'stages:\n  - { weight: 10, gates: [{ metric: ok_rate, threshold: 95, count: 10 }] }',
    },
  },
  check({ plan, project, facts, report }) {
    const infra = facts.files?.infrastructure;
    const stages = plan.rollout?.stages ?? [];
    if (!infra || !stages.length) return;
    const controller = controllerOf(infra, project, plan.project);
    if (!controller || controller.strategy !== 'canary') return;
    const ran = controllerStages(controller);
    // Other weights are rollout/controller-matches-stages' finding; there is no stage to compare.
    if (ran.map((s) => s.weight).join() !== stages.map((s) => s.weight).join()) return;
    const metrics = metricsByName(plan);
    stages.forEach((stage, i) => {
      const names = [...ran[i].analyses.flatMap((a) => a.templates), ...(controller.background?.templates ?? [])];
      const templates = infra.analysisTemplates.filter((t) => names.includes(t.name));
      (stage.gates ?? []).forEach((gate, j) => {
        const metric = metrics.get(gate.metric)?.metric;
        const found = measure(controller, templates, gate.metric, metric?.query);
        if (!found) return; // rollout/controller-matches-stages says it is not measured
        const at = siteIn(found.file, found.site);
        const base = { where: found.where, metric: gate.metric, stage: stage.name ? `\`${stage.name}\`` : i + 1 };
        const pointer = `/rollout/stages/${i}/gates/${j}`;
        const say = (field: Field, foundText: string | number, expected: string | number, extra = {}) =>
          report({
            messageId: field,
            data: { ...base, found: foundText, expected, ...extra },
            pointer: `${pointer}/${field === 'direction' ? 'metric' : field}`,
            at,
          });
        if (found.passes && gate.threshold !== undefined && found.passes.value !== gate.threshold)
          say('threshold', `${found.passes.operator} ${found.passes.value}`, gate.threshold);
        const higher = metric?.direction === 'higher-is-better';
        if (found.passes && metric?.direction && found.passes.operator.startsWith('>') !== higher)
          say('direction', `${found.passes.operator} ${found.passes.value}`, '', { direction: metric.direction });
        if (differ(found.interval, gate.interval)) say('interval', found.interval!, gate.interval!);
        if (differ(found.initialDelay, gate.initialDelay)) say('initialDelay', found.initialDelay!, gate.initialDelay!);
        if (found.count !== undefined && gate.count !== undefined && found.count !== gate.count)
          say('count', found.count, gate.count);
        if (
          found.failureLimit !== undefined &&
          gate.failureLimit !== undefined &&
          found.failureLimit !== gate.failureLimit
        )
          say('failureLimit', found.failureLimit, gate.failureLimit);
      });
    });
  },
});

/** Two durations, both set and not the same length of time. */
const differ = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && parseDuration(a) !== parseDuration(b);
