import { definePolicy } from '@deploy-plan/core';

export default definePolicy({
  id: 'rollback/immediate-triggers',
  meta: {
    severity: 'critical',
    checklist: 'critical-3',
    description:
      'Immediate rollback triggers exist; every trigger reads a declared metric, ' +
      'health check or signal, and names a planned rollback level',
    rationale:
      'The method separates "roll back immediately, no discussion" (functionality ' +
      'broken) from "evaluate within 15 minutes" and "monitor". Without immediate ' +
      'triggers, nobody knows when to pull the rollback; a trigger on an undeclared ' +
      'health check or an unplanned level cannot fire.',
    messages: {
      noImmediate:
        'No trigger rolls back immediately; add triggers with `response: immediate` for ' +
        'when the functionality is broken.',
      noCondition: 'Trigger {{trigger}} reads nothing: give it a `metric`, a `healthCheck` or a `signal`.',
      unknownHealthCheck: 'Trigger {{trigger}} reads the health check `{{path}}`, which is not in `healthChecks`.',
      noLevel: 'Trigger {{trigger}} rolls back immediately but does not say which level; add `level`.',
      unknownLevel: 'Trigger {{trigger}} uses rollback level {{level}}, which is not planned in `rollback.levels`.',
      noWithin: 'Trigger {{trigger}} is evaluated, but not within a time; add `within` (the method uses 15m).',
    },
    examples: {
      fail: 'triggers:\n  - { response: evaluate, metric: upload_success_rate, operator: "<", value: 95 }',
      pass:
        'triggers:\n  - { response: immediate, metric: upload_success_rate, operator: ' +
        '"<", value: 50, level: 1 }\n  - { response: immediate, signal: data-loss, ' +
        'level: 3 }\n  - { response: evaluate, within: 15m, metric: upload_success_rate, ' +
        'operator: "<", value: 95, level: 1 }',
    },
  },
  check({ plan, report }) {
    const triggers = plan.rollback.triggers ?? [];
    const levels = new Set((plan.rollback.levels ?? []).map((l) => l.level));
    const healthPaths = new Set((plan.healthChecks ?? []).map((h) => h.path));
    if (!triggers.some((t) => t.response === 'immediate')) {
      report({
        messageId: 'noImmediate',
        pointer: plan.rollback.triggers ? '/rollback/triggers' : '/rollback',
        target: plan.rollback.triggers ? 'value' : 'key',
      });
    }
    triggers.forEach((t, i) => {
      const at = `/rollback/triggers/${i}`;
      const trigger = t.description ? `"${t.description}"` : `#${i + 1}`;
      if (!t.metric && !t.healthCheck && !t.signal)
        report({ messageId: 'noCondition', data: { trigger }, pointer: at, target: 'key' });
      if (t.healthCheck && !healthPaths.has(t.healthCheck))
        report({
          messageId: 'unknownHealthCheck',
          data: { trigger, path: t.healthCheck },
          pointer: `${at}/healthCheck`,
        });
      if (t.response === 'immediate' && t.level === undefined)
        report({ messageId: 'noLevel', data: { trigger }, pointer: at, target: 'key' });
      if (t.level !== undefined && !levels.has(t.level))
        report({ messageId: 'unknownLevel', data: { trigger, level: t.level }, pointer: `${at}/level` });
      if (t.response === 'evaluate' && !t.within)
        report({ messageId: 'noWithin', data: { trigger }, pointer: `${at}/response` });
    });
  },
});
