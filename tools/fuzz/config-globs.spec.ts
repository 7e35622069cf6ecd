// Config fuzzing aimed at overrides[].projects: a valid config with one glob of many `*` (and
// `?`) added to an override, next to a valid plan, checked in-process with `deploy-plan check`.
import fc from 'fast-check';
import { baseConfigs, basePlans, projectOf } from './bases';
import { checkTwice, Workspace } from './check-run';
import { casesFor, expectNoFailures, PROPERTY_TIMEOUT_MS, runFuzz } from './harness';
import { applyMutation, globMutation } from './yaml-model';

const plans = basePlans();
const configs = baseConfigs();

const globCase = fc.record({
  plan: fc.nat({ max: plans.length - 1 }),
  config: fc.nat({ max: configs.length - 1 }),
  mutation: globMutation,
});

describe('config fuzzing: project globs', () => {
  let ws: Workspace;
  beforeAll(() => (ws = new Workspace()));
  afterAll(() => ws.dispose());

  it(
    'a glob with many `*` in overrides[].projects: exit 0-2, JSON out, deterministic, fast',
    async () => {
      const summary = await runFuzz(
        'config-globs',
        globCase,
        async (c) => {
          ws.write(plans[c.plan].text, applyMutation(configs[c.config], c.mutation).text);
          await checkTwice(ws);
        },
        {
          cases: casesFor('config-globs', 20, 0.1),
          describe: (c) =>
            [
              `plan: ${plans[c.plan].name} (project ${projectOf(plans[c.plan])})`,
              `config: ${configs[c.config].name}`,
              `glob: ${JSON.stringify((c.mutation as { glob: string }).glob)}`,
              applyMutation(configs[c.config], c.mutation).text,
            ].join('\n'),
        },
      );
      expectNoFailures(summary);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
