import { definePolicy, isPlaceholder } from '@deploy-plan/core';

export default definePolicy({
  id: 'monitoring/metric-hygiene',
  meta: {
    severity: 'minor',
    checklist: 'minor-3',
    description: 'Every metric has a description and a unit',
    rationale:
      'Whoever reads a dashboard at 3 a.m. needs to know what `upload_latency` ' +
      'measures and whether 30 means seconds or milliseconds. Minor.',
    messages: {
      noDescription: 'Metric `{{metric}}` has no description.',
      noUnit: 'Metric `{{metric}}` has no unit (e.g. `percent`, `seconds`).',
    },
    examples: {
      fail: 'metrics:\n  - { name: upload_latency, type: histogram }',
      pass:
        'metrics:\n  - { name: upload_latency, type: histogram, description: Time to ' +
        'upload a file, unit: seconds }',
    },
  },
  check({ plan, report }) {
    (plan.monitoring.metrics ?? []).forEach((m, i) => {
      const data = { metric: m.name };
      if (!m.description || isPlaceholder(m.description))
        report({ messageId: 'noDescription', data, pointer: `/monitoring/metrics/${i}`, target: 'key' });
      if (!m.unit || isPlaceholder(m.unit))
        report({ messageId: 'noUnit', data, pointer: `/monitoring/metrics/${i}`, target: 'key' });
    });
  },
});
