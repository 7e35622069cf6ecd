// Scaffold placeholders are questions: a placeholder where the schema wants a number, a date or
// one of a list does not make the plan invalid, and other findings about the part of the plan that
// holds one wait until it is answered, while `completeness/no-placeholders` reports each once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DeployPlan } from '../generated/plan';
import { BUILTIN_RULES } from '../rules/builtin-rules';
import { parseDocument } from '../plan/load-plan';
import { planValidator } from '../schema/validate';
import { definePolicy } from '../policy/define-policy';
import { runCheck } from './run-check';
import * as os from 'node:os';

const examples = path.resolve(__dirname, '../../../../examples');
const good = fs.readFileSync(path.join(examples, 'orders-api/deploy-plan.yaml'), 'utf8');
const TODO = 'TODO(deploy-plan)';
const parse = (text: string) =>
  parseDocument<DeployPlan>(text, 'demo/deploy-plan.yaml', planValidator, BUILTIN_RULES.schema);

describe('placeholders where the schema wants another type', () => {
  it('are set aside from the value, and the plan is valid', () => {
    const text = good
      .replace('        threshold: 95\n', `        threshold: "${TODO}: the value it must hold"\n`)
      .replace('      direction: higher-is-better\n', `      direction: "${TODO}: which way is better"\n`);
    expect(text).not.toBe(good);
    const doc = parse(text);
    expect(doc.diagnostics).toEqual([]);
    expect(doc.placeholders?.map((p) => p.pointer)).toEqual([
      '/rollout/stages/0/gates/0/threshold',
      '/monitoring/metrics/0/direction',
    ]);
    expect(doc.value?.rollout?.stages?.[0].gates?.[0]).not.toHaveProperty('threshold');
    expect(doc.value?.monitoring.metrics?.[0]).not.toHaveProperty('direction');
    expect((doc.data as { monitoring: { metrics: { direction: string }[] } }).monitoring.metrics[0].direction).toMatch(
      /^TODO/,
    );
  });

  it('are found when written behind a double-quoted escape, and absent from a plain plan', () => {
    const escaped = good.replace(
      '      direction: higher-is-better\n',
      '      direction: "TODO\\x28deploy-plan): which way"\n',
    );
    expect(escaped).not.toBe(good);
    expect(parse(escaped).placeholders?.map((p) => p.pointer)).toEqual(['/monitoring/metrics/0/direction']);
    expect(parse(good).placeholders).toEqual([]);
  });

  it('leave other schema errors as they are', () => {
    const text = good
      .replace('        threshold: 95\n', `        threshold: "${TODO}: the value it must hold"\n`)
      .replace('      direction: higher-is-better\n', '      direction: upwards\n');
    const doc = parse(text);
    expect(doc.value).toBeUndefined();
    expect(doc.diagnostics.map((d) => d.ruleId)).toContain('plan/schema');
  });
});

describe('findings near a placeholder wait for its answer', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-placeholders-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const near = definePolicy({
    id: 'test/near',
    meta: {
      severity: 'critical',
      checklist: 'step-1',
      description: 'reports at fixed places',
      rationale: 'test',
      messages: { here: 'here' },
    },
    check({ report }) {
      for (const pointer of [
        '/owner',
        '/monitoring/metrics/0',
        '/monitoring/metrics/0/unit',
        '/monitoring',
        '/rollback',
      ])
        report({ messageId: 'here', pointer });
    },
  });
  const placeholders = definePolicy({
    id: 'completeness/no-placeholders',
    meta: {
      severity: 'critical',
      checklist: 'step-1',
      description: 'd',
      rationale: 'r',
      messages: { q: 'q' },
      asksPlaceholders: true,
    },
    check({ placeholders: found, report }) {
      for (const p of found) report({ messageId: 'q', pointer: p.pointer });
    },
  });
  const plan = good
    .replace('owner: team-orders\n', `owner: "${TODO}: the team"\n`)
    .replace('      direction: higher-is-better\n', `      direction: "${TODO}: which way is better"\n`);

  it('at the placeholder, a sibling, its object or the one above; elsewhere they stand', () => {
    fs.mkdirSync(path.join(root, 'a'), { recursive: true });
    fs.writeFileSync(path.join(root, 'a/deploy-plan.yaml'), plan);
    const result = runCheck({ root, policies: [near, placeholders] });
    expect(result.diagnostics.map((d) => `${d.ruleId} ${d.pointer}`)).toEqual([
      'completeness/no-placeholders /owner',
      'test/near /monitoring',
      'completeness/no-placeholders /monitoring/metrics/0/direction',
      'test/near /rollback',
    ]);
  });

  it('all stand when completeness/no-placeholders is off', () => {
    const result = runCheck({ root, policies: [near] });
    expect(result.diagnostics.map((d) => d.pointer)).toEqual([
      '/owner',
      '/monitoring',
      '/monitoring/metrics/0',
      '/monitoring/metrics/0/unit',
      '/rollback',
    ]);
  });
});
