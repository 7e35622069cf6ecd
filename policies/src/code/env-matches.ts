import { definePolicy, isPlaceholder } from '@deploy-plan/core';
import { failuresOf, incompleteness } from '../util/code';

/** The names a plan's `env` can hold (the schema's pattern). */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Options {
  /** Variables set by the platform or the runtime, never declared (exact names or `PREFIX*`). */
  ignore: string[];
}

export default definePolicy<'undeclared' | 'unread' | 'unconfirmed', Options>({
  id: 'code/env-matches',
  meta: {
    severity: 'important',
    checklist: 'important-3',
    description: 'Environment variables read in code are declared in the plan, and declared ones are read',
    rationale:
      'The third important item: environment variables support the functionality. A ' +
      'variable the code reads but the plan does not list will be missing in some ' +
      'environment; one the plan lists but no code reads is configuration that does ' +
      'nothing, and a trap during a level-2 rollback.',
    messages: {
      undeclared: 'The code reads the environment variable `{{name}}`, which the plan does not declare in `env`.',
      unread: 'The plan declares `{{name}}`, but no code reads it.',
      unconfirmed: 'Could not confirm that the code reads `{{name}}`: {{reason}}.',
    },
    needs: ['code'],
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignore: {
            type: 'array',
            items: { type: 'string' },
            description: 'Variables never declared: runtime and platform ones. `PREFIX*` matches a prefix.',
          },
        },
      },
      defaults: {
        ignore: [
          'NODE_ENV',
          'CI',
          'HOME',
          'PATH',
          'PWD',
          'TZ',
          'HOSTNAME',
          'NODE_OPTIONS',
          'npm_*',
          'NEXT_RUNTIME',
          'NEXT_PHASE',
          'VERCEL*',
          'AWS_LAMBDA_*',
          'K_SERVICE',
          'PORT_*',
        ],
      },
    },
    examples: {
      fail: '# code: new Pool({ connectionString: process.env.DATABASE_URL })\nenv: []',
      pass:
        '# code: new Pool({ connectionString: process.env.DATABASE_URL })\nenv:\n  - { ' +
        'name: DATABASE_URL, required: true, secret: true, description: PostgreSQL ' +
        'connection string }',
    },
  },
  check({ plan, facts, options, report }) {
    const code = facts.code;
    if (!code) return;
    const ignored = (name: string) =>
      options.ignore.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));
    const declared = new Map((plan.env ?? []).map((v, i) => [v.name, i]));
    const read = new Set(code.env.map((e) => e.name));
    const reported = new Set<string>();
    for (const e of code.env) {
      // A name a plan cannot declare (`ProgramFiles(x86)`) is the platform's, not the project's.
      if (declared.has(e.name) || ignored(e.name) || reported.has(e.name) || !ENV_NAME.test(e.name)) continue;
      reported.add(e.name);
      report({
        messageId: 'undeclared',
        data: { name: e.name },
        pointer: plan.env ? '/env' : '',
        target: 'key',
        at: { file: e.file, line: e.line, column: e.column },
        planMessage: plan.env ? "declare it in the plan's `env` here" : 'the plan has no `env` section',
      });
    }
    if (!code.files.length) return;
    const unsure = incompleteness(code, failuresOf(facts), 'reads');
    for (const [name, i] of declared) {
      if (read.has(name) || isPlaceholder(name)) continue;
      if (unsure)
        report({
          messageId: 'unconfirmed',
          data: { name, reason: unsure },
          pointer: `/env/${i}/name`,
          severity: 'minor',
        });
      else report({ messageId: 'unread', data: { name }, pointer: `/env/${i}/name` });
    }
  },
});
