import { definePolicy, isPlaceholder, type FlagFact } from '@deploy-plan/core';
import { failuresOf, incompleteness } from '../util/code';

/** Reads of a declared flag: by env variable for env flags, by key for SDK flags. */
export function readsOf(flag: { key: string; env?: string; provider: string }, reads: readonly FlagFact[]): FlagFact[] {
  return reads.filter((r) =>
    flag.provider === 'env' ? r.env !== undefined && r.env === (flag.env ?? flag.key) : r.key === flag.key,
  );
}

export default definePolicy({
  id: 'code/flags-guard-code',
  meta: {
    severity: 'important',
    checklist: 'important-2',
    description: 'Every declared feature flag is read in code, and at least one read decides what runs',
    rationale:
      'A kill switch that guards nothing is worse than none: level 1 of the rollback ' +
      'flips it and nothing changes while the clock runs. A read counts as a guard ' +
      'when it is tested (if, ternary, `&&`, `||`, JSX conditional, early return), ' +
      'directly, through a const tested later, or through a function whose callers ' +
      'test what it returns; logging it or passing it on does not.',
    messages: {
      notRead: 'Flag `{{key}}` is never read in the code, so turning it off changes nothing.',
      neverGuards:
        'Flag `{{key}}` is read here but never decides what runs (it is only logged or ' +
        'passed on); level 1 of the rollback would change nothing.',
      unconfirmed: 'Could not confirm that flag `{{key}}` is read in the code: {{reason}}.',
    },
    needs: ['code'],
    examples: {
      fail: "logger.info({ upload: process.env.FILE_UPLOAD_ENABLED }, 'flags');",
      pass:
        "if (process.env.FILE_UPLOAD_ENABLED !== 'true') return res.status(503).json({ " +
        "error: 'uploads are off' });",
    },
  },
  check({ plan, facts, report }) {
    const code = facts.code;
    // Only TypeScript and JavaScript are inspected; other projects are not judged here.
    if (!code?.files.length) return;
    const unsure = incompleteness(code, failuresOf(facts), 'reads');
    (plan.featureFlags ?? []).forEach((flag, i) => {
      if (isPlaceholder(flag.key)) return;
      const reads = readsOf(flag, code.flags);
      if (!reads.length && unsure) {
        report({
          messageId: 'unconfirmed',
          data: { key: flag.key, reason: unsure },
          pointer: `/featureFlags/${i}/key`,
          severity: 'minor',
        });
      } else if (!reads.length) {
        report({ messageId: 'notRead', data: { key: flag.key }, pointer: `/featureFlags/${i}/key` });
      } else if (!reads.some((r) => r.guard === 'guards')) {
        const first = reads[0];
        report({
          messageId: 'neverGuards',
          data: { key: flag.key },
          pointer: `/featureFlags/${i}/key`,
          at: { file: first.file, line: first.line, column: first.column },
        });
      }
    });
  },
});
