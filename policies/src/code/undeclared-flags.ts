import { definePolicy } from '@deploy-plan/core';

export default definePolicy({
  id: 'code/undeclared-flags',
  meta: {
    severity: 'important',
    checklist: 'important-2',
    description: 'Every feature flag the code decides with is declared in the plan',
    rationale:
      'A flag the plan does not know is a switch nobody will think of during an ' +
      'incident, with a default nobody reviewed. Declaring it records what it guards, ' +
      'its safe default and its owner.',
    messages: {
      undeclared:
        'The code reads the flag `{{key}}` ({{provider}}), which the plan does not declare in `featureFlags`.',
    },
    needs: ['code'],
    examples: {
      fail: "# code: if (await client.getBooleanValue('bulk-import', false)) { ... }\nfeatureFlags: []",
      pass:
        "# code: if (await client.getBooleanValue('bulk-import', false)) { ... " +
        '}\nfeatureFlags:\n  - { key: bulk-import, provider: openfeature, default: ' +
        'false, guards: [import-start] }',
    },
  },
  check({ plan, facts, report }) {
    const code = facts.code;
    if (!code) return;
    const keys = new Set((plan.featureFlags ?? []).flatMap((f) => [f.key, ...(f.env ? [f.env] : [])]));
    // A flag is a switch this code decides with: one read at least guards something. A value
    // only passed on (to the client, to a log) is configuration, and `code/env-matches` covers env.
    const switches = new Set(code.flags.filter((r) => r.guard === 'guards').map((r) => r.env ?? r.key));
    const reported = new Set<string>();
    for (const read of code.flags) {
      const id = read.env ?? read.key;
      if (keys.has(id) || reported.has(id) || !switches.has(id)) continue;
      reported.add(id);
      report({
        messageId: 'undeclared',
        data: { key: id, provider: read.provider },
        pointer: plan.featureFlags ? '/featureFlags' : '',
        target: 'key',
        at: { file: read.file, line: read.line, column: read.column },
        planMessage: plan.featureFlags
          ? "declare it in the plan's `featureFlags` here"
          : 'the plan has no `featureFlags` section',
      });
    }
  },
});
