// Structure-aware fuzzing of plans: a valid plan (an example or a `planYaml` fixture) with ONE
// mutation, checked in-process with `deploy-plan check --format json`. Whatever the input: exit
// 0, 1 or 2 and never an internal error, JSON on stdout, every diagnostic at a file, line >= 1
// and column >= 1, and the same output when run again.
import fc from 'fast-check';
import { CORE_SCHEMA, load } from 'js-yaml';
import { basePlans } from './bases';
import { checkTwice, Workspace } from './check-run';
import { casesFor, expectNoFailures, PROPERTY_TIMEOUT_MS, runFuzz } from './harness';
import { applyMutation, emit, mutation, type Mutation } from './yaml-model';

const bases = basePlans();

const planCase = fc.record({ base: fc.nat({ max: bases.length - 1 }), mutation });

function renderCase(c: { base: number; mutation: Mutation }, text: string, where: string): string {
  return [
    `base: ${bases[c.base].name}`,
    `mutation: ${fc.stringify(c.mutation).slice(0, 1000)}`,
    `where: ${where}`,
    `text (${text.length} chars):`,
    text.length > 4000 ? `${text.slice(0, 4000)}\n... (truncated)` : text,
  ].join('\n');
}

describe('plan fuzzing', () => {
  let ws: Workspace;
  beforeAll(() => (ws = new Workspace()));
  afterAll(() => ws.dispose());

  it('re-emits every base plan as the same value, and each base plan checks cleanly', async () => {
    for (const base of bases) {
      expect(load(emit(base.tree), { schema: CORE_SCHEMA })).toEqual(load(base.text, { schema: CORE_SCHEMA }));
      ws.write(base.text);
      const run = await checkTwice(ws);
      expect(run.stderr).not.toMatch(/internal error/);
      const report = JSON.parse(run.stdout);
      expect(report.diagnostics.filter((d: { ruleId: string }) => d.ruleId.startsWith('plan/'))).toEqual([]);
    }
  });

  it(
    'any one mutation of a valid plan: exit 0-2, JSON out, positions >= 1, deterministic',
    async () => {
      const summary = await runFuzz(
        'plans',
        planCase,
        async (c) => {
          const { text } = applyMutation(bases[c.base], c.mutation);
          ws.write(text);
          await checkTwice(ws);
        },
        {
          cases: casesFor('plans', 100, 0.7),
          describe: (c) => {
            const { text, where } = applyMutation(bases[c.base], c.mutation);
            return renderCase(c, text, where);
          },
        },
      );
      expectNoFailures(summary);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
