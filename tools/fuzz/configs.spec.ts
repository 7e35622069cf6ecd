// Structure-aware fuzzing of `deploy-plan.config.yaml`: a valid config (see
// schemas/config.schema.json) with ONE mutation, next to a valid plan, checked in-process with
// `deploy-plan check --format json`. The same properties as for plans. Globs with many `*` in
// overrides[].projects have a property of their own (config-globs.spec.ts).
import fc from 'fast-check';
import { CORE_SCHEMA, load } from 'js-yaml';
import { baseConfigs, basePlans } from './bases';
import { checkTwice, Workspace } from './check-run';
import { casesFor, expectNoFailures, PROPERTY_TIMEOUT_MS, runFuzz } from './harness';
import { applyMutation, emit, mutation } from './yaml-model';

const plans = basePlans();
const configs = baseConfigs();

const configCase = fc.record({
  plan: fc.nat({ max: plans.length - 1 }),
  config: fc.nat({ max: configs.length - 1 }),
  mutation,
});

describe('config fuzzing', () => {
  let ws: Workspace;
  beforeAll(() => (ws = new Workspace()));
  afterAll(() => ws.dispose());

  it('re-emits every base config as the same value, and each one loads without a config diagnostic', async () => {
    for (const config of configs) {
      expect(load(emit(config.tree), { schema: CORE_SCHEMA })).toEqual(load(config.text, { schema: CORE_SCHEMA }));
      ws.write(plans[2].text, config.text);
      const run = await checkTwice(ws);
      expect(JSON.parse(run.stdout).configDiagnostics).toEqual([]);
    }
  });

  it(
    'any one mutation of a valid config: exit 0-2, JSON out, positions >= 1, deterministic',
    async () => {
      const summary = await runFuzz(
        'configs',
        configCase,
        async (c) => {
          ws.write(plans[c.plan].text, applyMutation(configs[c.config], c.mutation).text);
          await checkTwice(ws);
        },
        {
          cases: casesFor('configs', 30, 0.2),
          describe: (c) => {
            const { text, where } = applyMutation(configs[c.config], c.mutation);
            return [
              `plan: ${plans[c.plan].name}`,
              `config: ${configs[c.config].name}`,
              `mutation: ${fc.stringify(c.mutation).slice(0, 1000)}`,
              `where: ${where}`,
              `config text (${text.length} chars):`,
              text.length > 4000 ? `${text.slice(0, 4000)}\n... (truncated)` : text,
            ].join('\n');
          },
        },
      );
      expectNoFailures(summary);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
