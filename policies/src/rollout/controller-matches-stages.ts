import {
  controllerOf,
  controllerStages,
  definePolicy,
  formatDuration,
  parseDuration,
  type AnalysisTemplateFact,
  type LineAndColumn,
  type RolloutControllerFact,
} from '@deploy-plan/core';
import { measuredMetrics, normalise, notUnderstood, siteIn } from '../util/infrastructure';

const NAMES: Record<RolloutControllerFact['kind'], string> = { 'argo-rollouts': 'Rollout', flagger: 'Canary' };

export default definePolicy({
  id: 'rollout/controller-matches-stages',
  meta: {
    severity: 'important',
    checklist: 'important-1',
    description: "The rollout controller's steps (Argo Rollouts, Flagger) are the plan's stages",
    rationale:
      'The controller, not the plan, moves the traffic. A plan that says "10% for 15 minutes, ' +
      'gated on the success rate" while the Rollout sets 50%, pauses a minute and runs no ' +
      'analysis gives false comfort: the stages the plan tests are not the ones that run.',
    messages: {
      weights:
        'The {{kind}} `{{name}}` sets weights {{actual}}, but the plan stages {{expected}}; make the steps ' +
        'and the stages the same.',
      shortPause:
        'At {{weight}}% the {{kind}} `{{name}}` waits {{pause}}, but stage {{stage}} bakes {{bake}}: it would move ' +
        'on before the plan says the stage has proved itself.',
      noAnalysis:
        'At {{weight}}% the {{kind}} `{{name}}` runs no analysis, but stage {{stage}} is gated on {{metrics}}: ' +
        'nothing would stop the rollout when they fail.',
      unmeasured:
        'The analysis at {{weight}}% ({{templates}}) does not measure `{{metric}}`, which gates stage {{stage}}.',
      strategy: 'The {{kind}} `{{name}}` runs a blue-green rollout, but the plan says `{{expected}}`.',
      notUnderstood: 'The rollout configuration in this file could not be read: {{reason}}.',
    },
    needs: ['files'],
    examples: {
      fail:
        '# k8s/rollout.yaml: steps: [{ setWeight: 50 }, { pause: { duration: 1m } }]\n' +
        'rollout:\n  strategy: canary\n  stages:\n' +
        '    - { weight: 10, bake: 15m, gates: [{ metric: ok_rate, threshold: 95 }] }',
      pass:
        '# k8s/rollout.yaml: steps: [{ setWeight: 10 }, { pause: { duration: 15m } }, ' +
        '{ analysis: { templates: [{ templateName: gates }] } }]\n' +
        'rollout:\n  strategy: canary\n  stages:\n' +
        '    - { weight: 10, bake: 15m, gates: [{ metric: ok_rate, threshold: 95 }] }',
    },
  },
  check({ plan, project, facts, report }) {
    const infra = facts.files?.infrastructure;
    for (const n of notUnderstood(infra, 'rollout')) report({ messageId: 'notUnderstood', pointer: '/rollout', ...n });
    const stages = plan.rollout?.stages ?? [];
    if (!infra || !stages.length) return;
    const controller = controllerOf(infra, project, plan.project);
    if (!controller) return;
    const at = (site: LineAndColumn) => siteIn(controller.file, site);
    const base = { kind: NAMES[controller.kind], name: controller.name };
    if (controller.strategy === 'blue-green') {
      if (plan.rollout?.strategy === 'canary')
        report({
          messageId: 'strategy',
          data: { ...base, expected: 'canary' },
          pointer: '/rollout/strategy',
          at: at(controller),
        });
      return;
    }
    const ran = controllerStages(controller);
    if (ran.map((s) => s.weight).join() !== stages.map((s) => s.weight).join()) {
      const data = {
        ...base,
        actual: ran.map((s) => `${s.weight}%`).join(', '),
        expected: stages.map((s) => `${s.weight}%`).join(', '),
      };
      report({ messageId: 'weights', data, pointer: '/rollout/stages', at: at(ran[0]) });
      return;
    }
    const templates = new Map<string, AnalysisTemplateFact>(infra.analysisTemplates.map((t) => [t.name, t]));
    stages.forEach((stage, i) => {
      const own = ran[i];
      const name = stage.name ? `\`${stage.name}\`` : String(i + 1);
      const bake = parseDuration(stage.bake);
      if (stage.weight < 100 && bake && !own.waitsForPromotion && own.pauseMs < bake)
        report({
          messageId: 'shortPause',
          data: {
            ...base,
            weight: stage.weight,
            stage: name,
            bake: stage.bake!,
            pause: own.pauseMs ? formatDuration(own.pauseMs) : 'not at all',
          },
          pointer: `/rollout/stages/${i}/bake`,
          at: at(own.pause ?? own),
        });
      const gates = stage.gates ?? [];
      if (!gates.length) return;
      // Flagger promotes to 100% only once its checks pass at the last step: they gate that stage too.
      const promoted = controller.kind === 'flagger' && stage.weight === 100 ? (ran[i - 1]?.analyses ?? []) : [];
      const analyses = [...own.analyses, ...promoted, ...(controller.background ? [controller.background] : [])];
      if (!analyses.length) {
        const metrics = gates.map((g) => `\`${g.metric}\``).join(', ');
        report({
          messageId: 'noAnalysis',
          data: { ...base, weight: stage.weight, stage: name, metrics },
          pointer: `/rollout/stages/${i}/gates`,
          at: at(own),
        });
        return;
      }
      const measured = measuredMetrics(controller, analyses, templates);
      // A template kept outside the project (a ClusterAnalysisTemplate): what it measures is not known here.
      if (!measured) return;
      gates.forEach((gate, g) => {
        const query = plan.monitoring?.metrics?.find((m) => m.name === gate.metric)?.query;
        if (measured.some((m) => m.includes(gate.metric) || (query && m.includes(normalise(query))))) return;
        const used = analyses.flatMap((a) => a.templates).join(', ') || `${base.kind} metrics`;
        report({
          messageId: 'unmeasured',
          data: { weight: stage.weight, templates: used, metric: gate.metric, stage: name },
          pointer: `/rollout/stages/${i}/gates/${g}/metric`,
          at: at(analyses[0]),
        });
      });
    });
  },
});
