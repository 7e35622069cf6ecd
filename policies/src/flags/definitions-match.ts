import { definePolicy } from '@deploy-plan/core';
import { notUnderstood, siteIn } from '../util/infrastructure';

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));

export default definePolicy({
  id: 'flags/definitions-match',
  meta: {
    severity: 'important',
    checklist: 'important-2',
    description: "The plan's feature flags are the ones the flag definitions serve, with the same default",
    rationale:
      'Rollback level 1 is turning a flag off. It works only if the flag provider serves that ' +
      'flag, under that key, and its default is what the plan says: a key spelt differently, or ' +
      'a default variant that is on, turns the first rollback level into nothing. A flag served ' +
      'for the project but missing from the plan is a switch nobody planned for.',
    messages: {
      notDefined: 'Flag `{{key}}` is not in the flag definitions ({{files}}), so turning it off changes nothing.',
      otherDefault:
        'Flag `{{key}}` defaults to {{found}} (variant `{{variant}}`) in its definition, ' +
        'but the plan says {{expected}}.',
      notPlanned: 'The flag definitions serve `{{key}}`, which the plan does not declare under `featureFlags`.',
      notUnderstood: 'The file could not be read as flag, rollout or alerting configuration: {{reason}}.',
    },
    needs: ['files'],
    examples: {
      fail:
        '# flags.flagd.json: { "flags": { "express-checkout": { "defaultVariant": "on", ... } } }\n' +
        'featureFlags: [{ key: express-checkout, provider: openfeature, default: false }]',
      pass:
        '# flags.flagd.json: { "flags": { "express-checkout": { "defaultVariant": "off", ... } } }\n' +
        'featureFlags: [{ key: express-checkout, provider: openfeature, default: false }]',
    },
  },
  check({ plan, facts, report }) {
    const infra = facts.files?.infrastructure;
    for (const n of notUnderstood(infra, 'flags'))
      report({ messageId: 'notUnderstood', pointer: '/featureFlags', ...n });
    const defined = infra?.flags ?? [];
    if (!defined.length) return;
    const planned = plan.featureFlags ?? [];
    const files = [...new Set(defined.map((d) => `\`${d.file}\``))].join(', ');
    planned.forEach((flag, i) => {
      const found = defined.find((d) => d.key === flag.key);
      if (!found) {
        report({ messageId: 'notDefined', data: { key: flag.key, files }, pointer: `/featureFlags/${i}/key` });
        return;
      }
      // Variants of another type (strings, objects) say nothing a boolean default can be compared with.
      if (typeof found.defaultValue === typeof flag.default && found.defaultValue !== flag.default)
        report({
          messageId: 'otherDefault',
          data: {
            key: flag.key,
            found: show(found.defaultValue),
            variant: found.defaultVariant ?? '',
            expected: show(flag.default),
          },
          pointer: `/featureFlags/${i}/default`,
          at: siteIn(found.file, found),
        });
    });
    for (const d of defined)
      if (!planned.some((f) => f.key === d.key))
        report({
          messageId: 'notPlanned',
          data: { key: d.key },
          pointer: '/featureFlags',
          target: 'key',
          at: siteIn(d.file, d),
        });
  },
});
