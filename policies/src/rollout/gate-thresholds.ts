import { definePolicy } from '@deploy-plan/core';
import { metricsByName } from '../util/plan';

export default definePolicy({
  id: 'rollout/gate-thresholds',
  meta: {
    severity: 'important',
    checklist: 'important-1',
    description: "Each gate has a threshold between the metric's rollback and alert thresholds",
    rationale:
      'The gate stops the rollout. Laxer than the rollback threshold, it lets a stage ' +
      'pass while the plan says the functionality should be rolled back; stricter than ' +
      'the alert threshold, it aborts rollouts on values the monitoring calls healthy. ' +
      'The method gates stage 2 on success rate > 95% with the alert at 95 and the ' +
      'rollback at 50.',
    messages: {
      noThreshold: 'Gate on `{{metric}}` in stage {{index}} has no `threshold`.',
      laxerThanRollback:
        'Gate on `{{metric}}` in stage {{index}} passes at {{threshold}}, past the ' +
        "metric's rollback threshold of {{rollback}} ({{direction}}).",
      stricterThanAlert:
        'Gate on `{{metric}}` in stage {{index}} fails at {{threshold}}, stricter than ' +
        "the metric's alert threshold of {{alert}} ({{direction}}).",
    },
    examples: {
      fail:
        'metrics: [{ name: upload_success_rate, type: gauge, direction: ' +
        'higher-is-better, thresholds: { alert: 95, rollback: 50 } }]\nstages:\n  - { ' +
        'weight: 10, gates: [{ metric: upload_success_rate, threshold: 40 }] }',
      pass:
        'metrics: [{ name: upload_success_rate, type: gauge, direction: ' +
        'higher-is-better, thresholds: { alert: 95, rollback: 50 } }]\nstages:\n  - { ' +
        'weight: 10, gates: [{ metric: upload_success_rate, threshold: 95 }] }',
    },
  },
  check({ plan, report }) {
    const metrics = metricsByName(plan);
    (plan.rollout?.stages ?? []).forEach((stage, i) => {
      (stage.gates ?? []).forEach((gate, j) => {
        const at = `/rollout/stages/${i}/gates/${j}`;
        const data = { metric: gate.metric, index: i + 1 };
        if (gate.threshold === undefined) {
          report({ messageId: 'noThreshold', data, pointer: at, target: 'key' });
          return;
        }
        const metric = metrics.get(gate.metric)?.metric;
        if (!metric?.direction || !metric.thresholds) return; // other policies ask for these
        const higher = metric.direction === 'higher-is-better';
        const { alert, rollback } = metric.thresholds;
        const direction = metric.direction;
        // Inverted or equal thresholds are monitoring/threshold-order's finding; no range to compare with.
        if (alert !== undefined && rollback !== undefined && (higher ? alert <= rollback : alert >= rollback)) return;
        if (rollback !== undefined && (higher ? gate.threshold < rollback : gate.threshold > rollback)) {
          report({
            messageId: 'laxerThanRollback',
            data: { ...data, threshold: gate.threshold, rollback, direction },
            pointer: `${at}/threshold`,
          });
        } else if (alert !== undefined && (higher ? gate.threshold > alert : gate.threshold < alert)) {
          report({
            messageId: 'stricterThanAlert',
            data: { ...data, threshold: gate.threshold, alert, direction },
            pointer: `${at}/threshold`,
          });
        }
      });
    });
  },
});
