import type { Diagnostic } from '../diagnostic';
import type { PlanResult } from '../check/run-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  applySuppressions,
  loadSuppressions,
  parseSuppressions,
  pruneSuppressions,
  suppressFindings,
  suppressionsText,
  type SuppressionEntries,
} from './suppressions';

const finding = (ruleId: string, line: number, extra: Partial<Diagnostic> = {}): Diagnostic => ({
  ruleId,
  severity: 'critical',
  message: 'm',
  messageId: 'm',
  file: 'a/deploy-plan.yaml',
  line,
  column: 1,
  docsUrl: '',
  ...extra,
});
const planOf = (diagnostics: Diagnostic[], file = 'a/deploy-plan.yaml'): PlanResult => ({
  file,
  project: 'a',
  diagnostics,
  readiness: 'none',
  checked: true,
});
const FILE = 'deploy-plan-suppressions.json';
const suppressedIds = (plans: PlanResult[]) =>
  plans.flatMap((p) => p.diagnostics.filter((d) => d.suppressed?.kind === 'baseline').map((d) => d.ruleId));

describe('applySuppressions', () => {
  const entries: SuppressionEntries = { 'a/deploy-plan.yaml': { 'x/one': { count: 2 } } };

  it.each([
    ['as many findings as counted: all suppressed', 2, ['x/one', 'x/one'], []],
    ['fewer: all suppressed, and the entry is unused', 1, ['x/one'], [{ count: 2, found: 1 }]],
    ['more: none suppressed (which is new cannot be told)', 3, [], []],
  ])('%s', (_name, n, suppressed, unused) => {
    const plan = planOf(Array.from({ length: n }, (_, i) => finding('x/one', i + 1)));
    const result = applySuppressions([plan], { entries, file: FILE });
    expect(suppressedIds(result.plans)).toEqual(suppressed);
    expect(result.unused).toEqual(unused.map((u) => ({ plan: 'a/deploy-plan.yaml', ruleId: 'x/one', ...u })));
  });

  it('never counts loader, config or internal findings, nor waived ones', () => {
    const waived = finding('x/one', 3, {
      suppressed: { kind: 'waiver', reason: 'r', owner: 'o', expires: '2099-01-01' },
    });
    const plan = planOf([finding('plan/schema', 1), finding('internal/error', 2), waived]);
    const all = {
      'a/deploy-plan.yaml': { 'plan/schema': { count: 1 }, 'internal/error': { count: 1 }, 'x/one': { count: 1 } },
    };
    const result = applySuppressions([plan], { entries: all, file: FILE });
    expect(suppressedIds(result.plans)).toEqual([]);
    expect(result.plans[0].diagnostics[2].suppressed?.kind).toBe('waiver');
  });
});

describe('writing the baseline', () => {
  const plans = [
    planOf([finding('x/one', 1), finding('x/one', 2), finding('x/minor', 3, { severity: 'minor' })]),
    planOf([], 'b/deploy-plan.yaml'),
  ];

  it('counts what fails at the threshold, keeps entries of plans not checked, drops empty plans', () => {
    const kept = { 'c/deploy-plan.yaml': { 'x/old': { count: 4 } }, 'b/deploy-plan.yaml': { 'x/one': { count: 1 } } };
    expect(suppressFindings(kept, plans, { failOn: 'critical' })).toEqual({
      'a/deploy-plan.yaml': { 'x/one': { count: 2 } },
      'c/deploy-plan.yaml': { 'x/old': { count: 4 } },
    });
    expect(suppressFindings({}, plans, { failOn: 'minor', policies: ['x/minor'] })).toEqual({
      'a/deploy-plan.yaml': { 'x/minor': { count: 1 } },
    });
  });

  it('prunes counts down to what is found, never up, and drops plans that are gone', () => {
    const before = {
      'a/deploy-plan.yaml': { 'x/one': { count: 5 }, 'x/minor': { count: 1 }, 'x/fixed': { count: 1 } },
      'gone/deploy-plan.yaml': { 'x/one': { count: 1 } },
    };
    const after = pruneSuppressions(before, plans, (file) => !file.startsWith('gone/'));
    expect(after).toEqual({ 'a/deploy-plan.yaml': { 'x/one': { count: 2 }, 'x/minor': { count: 1 } } });
    expect(suppressionsText(after)).toBe(
      `${JSON.stringify({ 'a/deploy-plan.yaml': { 'x/minor': { count: 1 }, 'x/one': { count: 2 } } }, null, 2)}\n`,
    );
  });
});

describe('loadSuppressions', () => {
  it('is empty without a file, and says why a file cannot be read', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-suppressions-'));
    expect(loadSuppressions(root)).toEqual({ file: FILE, entries: {}, diagnostics: [] });
    fs.mkdirSync(path.join(root, FILE));
    expect(loadSuppressions(root).diagnostics).toEqual([
      expect.objectContaining({
        messageId: 'unreadable',
        message: expect.stringMatching(/it is a directory/),
        line: 1,
      }),
    ]);
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describe('parseSuppressions', () => {
  it.each([
    ['{ "a": ', 'syntax', 1],
    ['[]', 'shape', 1],
    ['{\n  "a": { "x/one": { "count": 1.5 } }\n}', 'shape', 2],
    ['{\n  "a": 3\n}', 'shape', 2],
  ])('reports %j as %s at line %i', (text, messageId, line) => {
    const { entries, diagnostics } = parseSuppressions(text, FILE);
    expect(entries).toEqual({});
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'config/suppressions', messageId, line })]);
  });

  it('keeps plan files and policy ids named like Object.prototype members as plain keys', () => {
    const { entries } = parseSuppressions('{ "__proto__": { "toString": { "count": 1 } } }', FILE);
    expect(Object.keys(entries)).toEqual(['__proto__']);
    expect(Object.entries(entries['__proto__'])).toEqual([['toString', { count: 1 }]]);
    expect(applySuppressions([planOf([], 'constructor')], { entries, file: FILE }).unused).toEqual([]);
  });
});
