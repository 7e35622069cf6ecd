// One file that code inspection cannot handle costs that file its facts, never the run: it is
// one `code/inspection-failed` finding at that file, and every other project's result is the
// same as without it (issue "Code truth on real code").
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './testing';

const repo = path.resolve(__dirname, '../../..');
/** Nested deeper than the TypeScript parser's recursion allows: generated code has such files. */
const tooDeep = `export const table = ${'['.repeat(4000)}${']'.repeat(4000)};\n`;

let ws: string;
beforeEach(() => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-fail-'));
  fs.writeFileSync(path.join(ws, 'nx.json'), '{}');
  for (const name of ['orders', 'billing'])
    fs.cpSync(path.join(repo, 'examples/orders-api'), path.join(ws, 'apps', name), { recursive: true });
});
afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

const check = async (...paths: string[]) => {
  const run = await runCli(['check', ...paths, '--format', 'json', '--no-cache'], ws);
  return {
    code: run.code,
    report: JSON.parse(run.stdout) as {
      diagnostics: { ruleId: string; file: string; line: number; project: string; messageId: string }[];
    },
  };
};

describe('a file code inspection cannot handle', () => {
  it(
    'is one code/inspection-failed finding at that file; the other project is ' + 'unaffected and the exit is not 2',
    async () => {
      const alone = await check('apps/billing');
      fs.writeFileSync(path.join(ws, 'apps/orders/src/generated.ts'), tooDeep);
      const both = await check('apps/orders', 'apps/billing');

      expect(both.code).not.toBe(2);
      const failed = both.report.diagnostics.filter((d) => d.ruleId === 'code/inspection-failed');
      expect(failed.map((d) => [d.file, d.line, d.messageId])).toEqual([
        ['apps/orders/src/generated.ts', 1, 'unparsable'],
      ]);
      // The plan's other code checks still ran on the other files: no false absence.
      const orders = both.report.diagnostics.filter(
        (d) => d.file.startsWith('apps/orders') && d.ruleId !== 'code/inspection-failed',
      );
      expect(orders).toEqual([]);
      expect(both.report.diagnostics.filter((d) => d.file.startsWith('apps/billing'))).toEqual(
        alone.report.diagnostics,
      );
    },
  );

  it('`inspect` reports it and gives the facts of the other files, exit 0', async () => {
    fs.writeFileSync(path.join(ws, 'apps/orders/src/generated.ts'), tooDeep);
    const run = await runCli(['inspect', 'apps/orders', '--format', 'json', '--no-cache'], ws);
    expect(run.code).toBe(0);
    const facts = JSON.parse(run.stdout) as { routes: { path: string }[]; failures: { file: string }[] };
    expect(facts.failures.map((f) => f.file)).toEqual(['apps/orders/src/generated.ts']);
    expect(facts.routes.map((r) => r.path)).toContain('/health/ready');
    expect(run.stderr).toContain('apps/orders/src/generated.ts:1:1: code inspection failed here');
  });

  it('`scaffold` still writes a plan from the files it could read', async () => {
    fs.writeFileSync(path.join(ws, 'apps/orders/src/generated.ts'), tooDeep);
    const run = await runCli(['scaffold', 'apps/orders', '--dry-run'], ws);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('/health/ready');
  });
});
