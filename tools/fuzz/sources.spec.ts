// Fuzzing code inspection with real files: a file from node_modules (or an example service)
// with ONE mutation, alone in a temp project beside a minimal plan, inspected directly with
// `inspectCode`. Whatever the file: it never throws (a file it cannot handle is a failure in
// `facts.failures`, at a file, line >= 1 and column >= 1), every fact has line >= 1 and
// column >= 1, and the same input gives the same facts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { planYaml } from '@deploy-plan/core/testing';
import { inspectCode, type InspectCodeOptions } from '@deploy-plan/inspect/code';
import { positionProblem } from './check-run';
import { casesFor, expectNoFailures, Finding, PROPERTY_TIMEOUT_MS, runFuzz } from './harness';
import { applySourceMutation, sampleSources, sourceMutation, type SourceMutation } from './source-model';

const sources = sampleSources();

const WRAPPERS: InspectCodeOptions = {
  routeWrappers: [{ callee: 'registerRoute', methodArgument: 0, pathArgument: 1 }],
  flagWrappers: [{ callee: 'isEnabled', keyArgument: 0, provider: 'openfeature' }],
  dependencyClients: ['db'],
  envFlags: ['X'],
};

interface SourceCase {
  file: number;
  mutation: SourceMutation;
  wrappers: boolean;
}

const sourceCase: fc.Arbitrary<SourceCase> = fc.record({
  file: fc.nat({ max: sources.length - 1 }),
  mutation: sourceMutation,
  wrappers: fc.boolean(),
});

function describeCase(c: SourceCase): string {
  const source = sources[c.file];
  const { text, where } = applySourceMutation(source.text, c.mutation);
  return [
    `file: ${source.origin} (as src/${source.name}, ${text.length} chars after the mutation)`,
    `mutation: ${fc.stringify(c.mutation)}`,
    `where: ${where}`,
    `wrappers: ${c.wrappers}`,
  ].join('\n');
}

type Facts = ReturnType<typeof inspectCode>;

function checkFacts(facts: Facts, root: string): void {
  for (const kind of ['routes', 'flags', 'env', 'metrics', 'failures'] as const) {
    const list = facts[kind] ?? [];
    if (!Array.isArray(list)) throw new Finding('facts-shape', `${kind} is not an array`);
    for (const fact of list) {
      const problem = positionProblem(fact, root);
      if (problem) throw new Finding('bad-position', `${kind}: ${problem}`, JSON.stringify(fact).slice(0, 1000));
    }
  }
}

function inspect(projectDir: string, root: string, wrappers: boolean): Facts {
  try {
    return inspectCode(projectDir, root, { cacheDir: false, ...(wrappers ? WRAPPERS : {}) });
  } catch (error) {
    throw new Finding(
      'throws',
      `inspectCode threw ${error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error)}`,
      error instanceof Error ? error.stack : undefined,
    );
  }
}

describe('source fuzzing', () => {
  it(`samples about 50 real files (${sources.length})`, () => {
    expect(sources.length).toBeGreaterThanOrEqual(45);
  });

  it(
    'any one mutation of a real file: inspectCode never throws, positions >= 1, deterministic',
    async () => {
      const summary = await runFuzz(
        'sources',
        sourceCase,
        (c) => {
          const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-fuzz-src-'));
          try {
            const projectDir = path.join(root, 'apps/demo');
            fs.mkdirSync(path.join(projectDir, 'src'), { recursive: true });
            fs.writeFileSync(path.join(root, 'nx.json'), '{}');
            fs.writeFileSync(path.join(projectDir, 'deploy-plan.yaml'), planYaml(''));
            const source = sources[c.file];
            fs.writeFileSync(
              path.join(projectDir, 'src', source.name),
              applySourceMutation(source.text, c.mutation).text,
            );
            const first = inspect(projectDir, root, c.wrappers);
            checkFacts(first, root);
            const second = inspect(projectDir, root, c.wrappers);
            if (JSON.stringify(first) !== JSON.stringify(second))
              throw new Finding('nondeterministic', 'two inspections of the same files differ');
          } finally {
            fs.rmSync(root, { recursive: true, force: true });
          }
        },
        { cases: casesFor('sources', 30, 0.02), describe: describeCase },
      );
      expectNoFailures(summary);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
