import { definePolicy, ROLLBACK_KIND_BY_LEVEL } from '@deploy-plan/core';

export default definePolicy({
  id: 'rollback/levels-present',
  meta: {
    severity: 'critical',
    checklist: 'critical-3',
    description:
      'The rollback levels that apply are planned: code (3) always, feature flag (1) ' +
      'when flags exist, configuration (2) when the project is configured by ' +
      'environment',
    rationale:
      "The method's 3-level model lets you undo the smallest thing that broke: switch " +
      'the feature off (level 1, minutes), revert configuration (level 2), revert code ' +
      '(level 3). A plan with flags but no flag level, or with no code rollback, ' +
      'cannot roll back the way the functionality allows.',
    messages: {
      noLevels: 'The plan has no rollback levels; describe at least how to roll back the code (level 3).',
      missing: 'Rollback level {{level}} ({{kind}}) is missing{{because}}.',
      kindMismatch: 'Rollback level {{level}} is the {{expected}} level, not `{{kind}}`.',
      duplicate: 'Rollback level {{level}} is described twice.',
    },
    examples: {
      fail:
        'featureFlags: [{ key: upload, provider: env, env: UPLOAD_ENABLED, default: ' +
        'false }]\nrollback:\n  levels:\n    - { level: 3, kind: code, maxDuration: 15m }',
      pass:
        'rollback:\n  levels:\n    - { level: 1, kind: feature-flag, maxDuration: 5m }\n ' +
        '   - { level: 2, kind: configuration, maxDuration: 10m }\n    - { level: 3, ' +
        'kind: code, maxDuration: 15m }',
    },
  },
  check({ plan, report }) {
    const levels = plan.rollback.levels ?? [];
    if (!levels.length) {
      report({
        messageId: 'noLevels',
        pointer: plan.rollback.levels ? '/rollback/levels' : '/rollback',
        target: plan.rollback.levels ? 'value' : 'key',
      });
      return;
    }
    const seen = new Set<number>();
    levels.forEach((level, i) => {
      if (seen.has(level.level))
        report({ messageId: 'duplicate', data: { level: level.level }, pointer: `/rollback/levels/${i}/level` });
      seen.add(level.level);
      const expected = ROLLBACK_KIND_BY_LEVEL[level.level as 1 | 2 | 3];
      if (expected && level.kind !== expected)
        report({
          messageId: 'kindMismatch',
          data: { level: level.level, expected: `\`${expected}\``, kind: level.kind },
          pointer: `/rollback/levels/${i}/kind`,
        });
    });
    const need: [number, string, string][] = [[3, 'code', '']];
    if ((plan.featureFlags ?? []).length)
      need.unshift([
        1,
        'feature flag',
        ': the plan declares feature flags, so switching them off is the fastest rollback',
      ]);
    if ((plan.env ?? []).length)
      need.splice(need.length - 1, 0, [
        2,
        'configuration',
        ': the functionality is configured by environment variables, which can be reverted on their own',
      ]);
    for (const [level, kind, because] of need) {
      if (!seen.has(level))
        report({ messageId: 'missing', data: { level, kind, because }, pointer: '/rollback/levels' });
    }
  },
});
