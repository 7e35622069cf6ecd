import { definePolicy } from '@deploy-plan/core';
import { failuresOf } from '../util/code';

export default definePolicy({
  id: 'code/inspection-failed',
  meta: {
    severity: 'important',
    checklist: ['important-2', 'important-3', 'critical-4', 'critical-5'],
    description:
      'Code inspection read every file of the project; a file it could not handle is reported, not skipped silently',
    rationale:
      'The code checks (health routes, flag guards, env and metrics) are only as good ' +
      'as the files inspection read. A file that made it fail (generated code nested ' +
      'deeper than the compiler allows, or a shape deploy-plan does not handle yet) is ' +
      'reported once at that file, the way ESLint reports a file it cannot parse, and ' +
      'the run goes on with every other file and project.',
    messages: {
      failed:
        'Code inspection failed here ({{error}}), so the routes, flags, env reads and ' +
        'metrics in this file are unknown and the code checks of this plan may be ' +
        'incomplete; the other files were inspected. Please report it to deploy-plan, or ' +
        'waive this finding.',
      unparsable:
        'The TypeScript parser could not read this file ({{error}}: it is nested deeper than ' +
        'the parser allows, as generated or minified code can be), so the routes, flags, env ' +
        'reads and metrics in it are unknown and the code checks of this plan may be incomplete. ' +
        'Waive this finding if the file holds none of them.',
      omitted:
        'Code inspection read the first {{limit}} source files of this project and left ' +
        '{{count}} out, so the code checks of this plan may be incomplete. Raise ' +
        '`inspect.maxSourceFiles` in deploy-plan.config.yaml to read them all.',
    },
    needs: [],
    examples: {
      fail: '# src/generated/parser.ts nests 50,000 levels deep: its facts could not be read',
      pass: '# every source file of the project was inspected',
    },
  },
  check({ facts, report }) {
    const omitted = facts.code?.unknowns?.omittedFiles ?? 0;
    if (omitted > 0) {
      const limit = String(facts.code?.unknowns?.fileLimit ?? 'allowed number of');
      report({ messageId: 'omitted', data: { count: String(omitted), limit }, pointer: '' });
    }
    for (const f of failuresOf(facts)) {
      report({
        messageId: f.stage === 'parse' ? 'unparsable' : 'failed',
        data: { error: f.message },
        pointer: '',
        at: { file: f.file, line: f.line, column: f.column },
        planMessage: 'the plan whose code checks this affects',
      });
    }
  },
});
