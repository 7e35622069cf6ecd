// A scaffolded plan asks its questions once: it is schema-valid as written, and its first check
// reports exactly one finding per `TODO(deploy-plan)` value, in file order, and nothing else.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findScaffoldPlaceholders, parseYaml } from '@deploy-plan/core';
import { answered, nestApp } from '../../../tools/spec/scaffold-answers';
import { runCli } from './testing';

const repo = path.resolve(__dirname, '../../..');
const fixtures = path.join(repo, 'packages/inspect/src/__fixtures__');

/** Each project: a name, the folder to copy, and the project folder inside the copy. */
const PROJECTS: [string, string, string][] = [
  ...['orders-api', 'catalog-api', 'invoice-worker', 'storefront-web', 'billing-db'].map(
    (name): [string, string, string] => [`examples/${name}`, path.join(repo, 'examples', name), '.'],
  ),
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

describe.each([
  [
    'an Express API (examples/orders-api)',
    (dir: string) => fs.cpSync(path.join(repo, 'examples/orders-api'), dir, { recursive: true }),
  ],
  [
    'a Fastify API rolled out by Flagger (examples/catalog-api)',
    (dir: string) => fs.cpSync(path.join(repo, 'examples/catalog-api'), dir, { recursive: true }),
  ],
  [
    'a worker (examples/invoice-worker)',
    (dir: string) => fs.cpSync(path.join(repo, 'examples/invoice-worker'), dir, { recursive: true }),
  ],
  [
    'a database (examples/billing-db)',
    (dir: string) => fs.cpSync(path.join(repo, 'examples/billing-db'), dir, { recursive: true }),
  ],
  ['a NestJS API (fixture nest-app with a flag, a metric and a database)', (dir: string) => nestApp(fixtures, dir)],
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
