import { definePolicy, isPlaceholder } from '@deploy-plan/core';

export default definePolicy({
  id: 'rollback/levels-complete',
  meta: {
    severity: 'critical',
    checklist: 'critical-3',
    description: 'Each rollback level says when to use it, the actions that perform it and how to verify it worked',
    rationale:
      'During an incident nobody should invent the rollback. The method gives every ' +
      'level its commands, a verification with an expected result, and a "use when" so ' +
      'the on-call engineer picks the right level.',
    messages: {
      noUseWhen: 'Rollback level {{level}} does not say when to use it; add `useWhen`.',
      noActions: 'Rollback level {{level}} has no actions; list the commands that perform it.',
      noVerification:
        'Rollback level {{level}} has no verification; give a command that proves the ' +
        'rollback worked and its expected result.',
      noExpect: 'A verification of rollback level {{level}} has no expected result.',
    },
    examples: {
      fail: 'levels:\n  - { level: 1, kind: feature-flag, maxDuration: 5m }',
      pass:
        'levels:\n  - level: 1\n    kind: feature-flag\n    maxDuration: 5m\n    ' +
        'useWhen: Uploads fail but the rest works\n    actions: [kubectl set env ' +
        'deploy/api FILE_UPLOAD_ENABLED=false]\n    verification:\n      - { command: ' +
        'curl -fsS https://api.example.com/health, expect: "features.file_upload: false" ' +
        '}',
    },
  },
  check({ plan, report }) {
    (plan.rollback.levels ?? []).forEach((level, i) => {
      const at = `/rollback/levels/${i}`;
      const data = { level: level.level };
      if (!level.useWhen || isPlaceholder(level.useWhen))
        report({ messageId: 'noUseWhen', data, pointer: at, target: 'key' });
      if (!(level.actions ?? []).some((a) => !isPlaceholder(a)))
        report({
          messageId: 'noActions',
          data,
          pointer: level.actions ? `${at}/actions` : at,
          target: level.actions ? 'value' : 'key',
        });
      const checks = level.verification ?? [];
      if (!checks.some((c) => !isPlaceholder(c.command)))
        report({
          messageId: 'noVerification',
          data,
          pointer: level.verification ? `${at}/verification` : at,
          target: level.verification ? 'value' : 'key',
        });
      checks.forEach((c, j) => {
        if (!isPlaceholder(c.command) && (c.expect === undefined || isPlaceholder(c.expect)))
          report({ messageId: 'noExpect', data, pointer: `${at}/verification/${j}` });
      });
    });
  },
});
