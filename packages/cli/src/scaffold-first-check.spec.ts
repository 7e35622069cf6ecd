// A scaffolded plan asks its questions once: it is schema-valid as written, and its first check
// reports exactly one finding per `TODO(deploy-plan)` value, in file order, and nothing else.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUILTIN_RULES, findScaffoldPlaceholders, parseDocument, parseYaml, planValidator } from '@deploy-plan/core';
import { runCli } from './testing';

const repo = path.resolve(__dirname, '../../..');
const fixtures = path.join(repo, 'packages/inspect/src/__fixtures__');

/** Each project: a name, the folder to copy, and the project folder inside the copy. */
const PROJECTS: [string, string, string][] = [
  ...['orders-api', 'invoice-worker', 'storefront-web', 'billing-db'].map((name): [string, string, string] => [
    `examples/${name}`,
    path.join(repo, 'examples', name),
    '.',
  ]),
  ...fs
    .readdirSync(fixtures)
    .filter((name) => name !== 'nx-workspace')
    .map((name): [string, string, string] => [`fixture ${name}`, path.join(fixtures, name), '.']),
  ['fixture nx-workspace', path.join(fixtures, 'nx-workspace'), 'apps/api'],
];

/**
 * Fixtures whose code is wrong on purpose: their readiness handlers check nothing. A scaffold
 * does not hide that; the first check says so next to the questions.
 */
const CODE_DEFECTS: Record<string, string[]> = {
  'fixture esm-extensions': ['code/readiness-checks-dependencies'],
  'fixture health-negative': ['code/readiness-checks-dependencies'],
};

interface Finding {
  ruleId: string;
  pointer?: string;
  line: number;
  column: number;
}

describe.each(PROJECTS)('scaffolding %s', (name, source, project) => {
  let ws: string;
  beforeAll(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-scaffold-'));
    const copy = path.join(ws, 'project');
    fs.cpSync(source, copy, { recursive: true });
    fs.rmSync(path.join(copy, project, 'deploy-plan.yaml'), { force: true });
    if (!fs.existsSync(path.join(copy, 'nx.json'))) fs.writeFileSync(path.join(ws, 'nx.json'), '{}');
  });
  afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('writes a schema-valid plan whose first check reports each placeholder once, and nothing else', async () => {
    const root = fs.existsSync(path.join(ws, 'project/nx.json')) ? path.join(ws, 'project') : ws;
    const dir = path.join(ws, 'project', project);
    const scaffolded = await runCli(['scaffold', dir, '--root', root], root);
    expect(scaffolded.code).toBe(0);
    const text = fs.readFileSync(path.join(dir, 'deploy-plan.yaml'), 'utf8');
    const questions = findScaffoldPlaceholders(parseYaml(text).value).map((p) => p.pointer);
    expect(questions.length).toBeGreaterThan(0);

    const { stdout } = await runCli(['check', dir, '--root', root, '--format', 'json', '--no-cache'], root);
    const findings = (JSON.parse(stdout) as { diagnostics: Finding[] }).diagnostics;
    expect(findings.filter((d) => d.ruleId.startsWith('plan/'))).toEqual([]);
    const others = findings.filter((d) => d.ruleId !== 'completeness/no-placeholders');
    expect([...new Set(others.map((d) => d.ruleId))]).toEqual(CODE_DEFECTS[name] ?? []);
    expect(findings.filter((d) => !others.includes(d)).map((d) => d.pointer)).toEqual(questions);
  });
});

/** What a team would answer to each question, by the question's words and where it is asked. */
function answer(question: string, pointer: string, plan: Record<string, unknown>): string {
  const q = question.replace(/^TODO\(deploy-plan\):\s*/, '');
  const metricAt = /^\/monitoring\/metrics\/(\d+)/.exec(pointer);
  const metricName = (() => {
    if (metricAt)
      return (plan as { monitoring: { metrics: { name: string }[] } }).monitoring.metrics[+metricAt[1]].name;
    const owner = pointer.split('/').slice(0, -1).join('/');
    const node = owner
      .split('/')
      .slice(1)
      .reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], plan);
    return String((node as { metric?: string })?.metric ?? '');
  })();
  const lower = /duration|latency|seconds/.test(metricName);
  const flowStep = (plan as { functionality: { flows: Record<string, { id: string }[]> } }).functionality.flows;
  const firstStep = Object.values(flowStep)[0][0].id;
  const table: [RegExp, string][] = [
    [/^team or person|^who decides/, 'team-orders'],
    [/^higher-is-better or lower/, lower ? 'lower-is-better' : 'higher-is-better'],
    [/^its unit/, lower ? 'seconds' : 'requests'],
    [/^the value that pages$/, lower ? '1' : '10'],
    [/^the value that rolls back$/, lower ? '2' : '1'],
    [/must hold to go on$/, lower ? '1' : '10'],
    [/^the comparison/, lower ? '>' : '<'],
    [/^the value that alerts$/, lower ? '1' : '10'],
    [/^the value$/, lower ? '2' : '1'],
    [/^the flow steps/, firstStep],
    [/^the date/, '2027-06-30'],
    [/^a command that proves|^proof it worked/, 'curl -fsS https://orders.example.com/health/ready'],
    [/expected result$/, 'HTTP 200 with status ok'],
    [/^the commands that perform it/, 'kubectl rollout undo deployment/orders-api'],
    [/^how it is deployed/, 'docker'],
    [/^the path of a readiness route/, '/health/ready'],
    [/^how it is read/, 'env'],
    [/^the flag that can switch/, 'new-functionality'],
    [/^the metric that says|^a success-rate or latency metric/, 'orders_success_ratio'],
  ];
  const found = table.find(([re]) => re.test(q));
  return found ? found[1] : `Answered: ${q.replace(/\(.*\)/, '').trim()}.`;
}

/** The plan with every placeholder replaced by its answer, and nothing else edited. */
function answered(text: string): string {
  const doc = parseDocument(text, 'deploy-plan.yaml', planValidator, BUILTIN_RULES.schema);
  const lines = text.split('\n');
  const edits = (doc.placeholders ?? []).map((p) => ({ ...doc.locate(p.pointer, 'value'), p }));
  for (const { line, column, endLine, endColumn, p } of edits.reverse()) {
    expect(endLine).toBe(line);
    const value = answer(p.text, p.pointer, doc.data ?? {});
    const written = /^[-]?\d+(\.\d+)?$|^[<>]=?$/.test(value) && !/^[<>]/.test(value) ? value : JSON.stringify(value);
    const row = lines[line - 1];
    lines[line - 1] = row.slice(0, column - 1) + written + row.slice(endColumn - 1);
  }
  return lines.join('\n');
}

/**
 * The NestJS fixture with what a gold plan needs from code: a flag that guards a route, a metric
 * the rollout can gate on, and a database the readiness check reaches (through terminus).
 */
function nestApp(dir: string): void {
  fs.cpSync(path.join(fixtures, 'nest-app'), dir, { recursive: true });
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  Object.assign(pkg.dependencies, { pg: '^8.0.0', 'prom-client': '^15.0.0' });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg));
  fs.writeFileSync(
    path.join(dir, 'src/orders/metrics.ts'),
    "import { Histogram } from 'prom-client';\n" +
      "export const placeDuration = new Histogram({ name: 'orders_place_duration_seconds', help: 'Time to place' });\n",
  );
  const controller = path.join(dir, 'src/orders/orders.controller.ts');
  fs.writeFileSync(
    controller,
    fs
      .readFileSync(controller, 'utf8')
      .replace(
        '  create(@Body() body: unknown) {\n    return body;',
        "  create(@Body() body: unknown) {\n    if (process.env.ORDERS_V2_ENABLED !== 'true') return { disabled: true };\n" +
          '    placeDuration.observe(1);\n    return body;',
      )
      .replace(/^/, "import { placeDuration } from './metrics';\n"),
  );
}

describe.each([
  [
    'an Express API (examples/orders-api)',
    (dir: string) => fs.cpSync(path.join(repo, 'examples/orders-api'), dir, { recursive: true }),
  ],
  [
    'a worker (examples/invoice-worker)',
    (dir: string) => fs.cpSync(path.join(repo, 'examples/invoice-worker'), dir, { recursive: true }),
  ],
  [
    'a database (examples/billing-db)',
    (dir: string) => fs.cpSync(path.join(repo, 'examples/billing-db'), dir, { recursive: true }),
  ],
  ['a NestJS API (fixture nest-app with a flag, a metric and a database)', nestApp],
])('answering every question of the scaffold of %s', (_name, make) => {
  it('gives a gold plan on the next check', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-answered-'));
    const dir = path.join(ws, 'project');
    make(dir);
    fs.rmSync(path.join(dir, 'deploy-plan.yaml'), { force: true });
    fs.writeFileSync(path.join(ws, 'nx.json'), '{}');
    expect((await runCli(['scaffold', dir], ws)).code).toBe(0);
    const file = path.join(dir, 'deploy-plan.yaml');
    fs.writeFileSync(file, answered(fs.readFileSync(file, 'utf8')));
    const { code, stdout } = await runCli(['check', dir, '--no-cache'], ws);
    expect(stdout).toMatch(/✔ 1 plan checked, no problems\.\n\s+\S+\s+gold/);
    expect(code).toBe(0);
    fs.rmSync(ws, { recursive: true, force: true });
  });
});
