import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { definePolicy, type AnyPolicy } from '../policy/define-policy';
import { runCheck } from './run-check';

const weights = definePolicy({
  id: 'rollout/stages-rise-to-full',
  meta: {
    severity: 'important',
    checklist: 'important-1',
    description: 'd',
    rationale: 'r',
    messages: { notFull: 'Ends at {{weight}}%.' },
  },
  check({ plan, report }) {
    const stages = plan.rollout?.stages ?? [];
    stages.forEach(
      (s, i) =>
        s.weight !== 100 &&
        i === stages.length - 1 &&
        report({ messageId: 'notFull', data: { weight: s.weight }, pointer: `/rollout/stages/${i}/weight` }),
    );
  },
});
const owner = definePolicy({
  id: 'hygiene/owner',
  meta: {
    severity: 'minor',
    checklist: 'minor-1',
    description: 'd',
    rationale: 'r',
    messages: { generic: 'Owner is generic.' },
  },
  check({ plan, report }) {
    if (plan.owner === 'someone') report({ messageId: 'generic', pointer: '/owner' });
  },
});
const throws = definePolicy({
  id: 'broken/throws',
  meta: { severity: 'critical', checklist: 'critical-1', description: 'd', rationale: 'r', messages: {} },
  check() {
    throw new Error('cannot read properties of undefined');
  },
});
const codePolicy = definePolicy({
  id: 'code/sees-facts',
  meta: {
    severity: 'critical',
    checklist: 'critical-5',
    description: 'd',
    rationale: 'r',
    messages: { route: 'No {{path}} in code.' },
    needs: ['code'],
  },
  check({ facts, report }) {
    for (const r of facts.code?.routes ?? [])
      report({
        messageId: 'route',
        data: { path: r.path },
        pointer: '/healthChecks/0/path',
        at: { file: r.file, line: r.line, column: r.column },
      });
  },
});

const PLAN = (extra = '') => `apiVersion: deploy-plan/v1
project: demo
owner: someone
codeTypes: [api]
functionality: { purpose: Demo }
deployment: { method: docker }
rollback: {}
monitoring: {}
healthChecks: [{ path: /ready, kind: readiness }]
rollout:
  strategy: canary
  stages:
    - weight: 10
${extra}`;

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-engine-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
const write = (text: string) => fs.writeFileSync(path.join(root, 'deploy-plan.yaml'), text);
const run = (policies: AnyPolicy[], extra: Partial<Parameters<typeof runCheck>[0]> = {}) =>
  runCheck({ root, policies, now: new Date('2027-01-15T10:00:00Z'), ...extra });
const brief = (r: ReturnType<typeof run>) =>
  r.plans[0].diagnostics.map(
    (d) => `${d.ruleId}:${d.messageId}@${d.line}:${d.column}${d.suppressed ? ' (waived)' : ''}`,
  );

describe('the policy engine in runCheck', () => {
  it('resolves pointers to positions and computes readiness', () => {
    write(PLAN());
    const result = run([weights, owner]);
    expect(brief(result)).toEqual(['hygiene/owner:generic@3:8', 'rollout/stages-rise-to-full:notFull@13:15']);
    expect(result.plans[0].readiness).toBe('bronze');
    expect(result.diagnostics[1].message).toBe('Ends at 10%.');
  });

  it('turns a policy that throws into one internal-error diagnostic and runs the others', () => {
    write(PLAN());
    const result = run([throws, weights]);
    expect(brief(result)).toEqual(['internal/policy-error:threw@1:1', 'rollout/stages-rise-to-full:notFull@13:15']);
    expect(result.plans[0].diagnostics[0].message).toMatch(
      /Policy `broken\/throws` failed on this plan: cannot read properties of undefined/,
    );
  });

  it('does not run policies on a plan that breaks the schema', () => {
    write(PLAN().replace('owner: someone\n', ''));
    expect(brief(run([weights, owner]))).toEqual(['plan/schema:missingKey@1:1']);
  });

  it('asks for code facts only when an enabled policy needs them, and points code findings at the code', () => {
    write(PLAN());
    const asked: string[][] = [];
    const facts = (req: { needs: readonly string[] }) => {
      asked.push([...req.needs]);
      return {
        code: {
          routes: [
            {
              method: 'GET',
              path: '/ready',
              file: 'src/health.ts',
              line: 12,
              column: 3,
              confidence: 'literal' as const,
              framework: 'express',
            },
          ],
          flags: [],
          env: [],
          metrics: [],
          files: [],
        },
      };
    };
    run([weights], { facts });
    expect(asked).toEqual([]);
    const result = run([weights, codePolicy], { facts });
    expect(asked).toEqual([['code']]);
    const code = result.plans[0].diagnostics.find((d) => d.ruleId === 'code/sees-facts')!;
    expect([code.file, code.line, code.column]).toEqual(['src/health.ts', 12, 3]);
    expect(code.related).toEqual([
      { file: 'deploy-plan.yaml', line: 9, column: 24, message: 'claimed in the plan here' },
    ]);
  });

  describe('waivers', () => {
    const waiver = (fields: string) => PLAN(`waivers:\n  - { ${fields} }\n`);

    it('reports a waived finding as waived; it does not count', () => {
      write(
        waiver(
          'policy: rollout/stages-rise-to-full, pointer: /rollout/stages/0, reason: one ' +
            'stage for now, owner: alice, expires: "2027-02-01"',
        ),
      );
      const result = run([weights]);
      expect(brief(result)).toEqual(['rollout/stages-rise-to-full:notFull@13:15 (waived)']);
      expect(result.plans[0].diagnostics[0].suppressed).toEqual({
        kind: 'waiver',
        reason: 'one stage for now',
        owner: 'alice',
        expires: '2027-02-01',
      });
      expect(result.plans[0].readiness).toBe('gold');
    });

    it("brings an expired waiver's finding back, with its own diagnostic", () => {
      write(waiver('policy: rollout/stages-rise-to-full, reason: r, owner: alice, expires: "2027-01-14"'));
      expect(brief(run([weights]))).toEqual([
        'rollout/stages-rise-to-full:notFull@13:15',
        'waivers/expired:expired@15:78',
      ]);
    });

    it('keeps a waiver valid through its expiry day', () => {
      write(waiver('policy: rollout/stages-rise-to-full, reason: r, owner: alice, expires: "2027-01-15"'));
      expect(brief(run([weights]))).toEqual(['rollout/stages-rise-to-full:notFull@13:15 (waived)']);
    });

    it('reports a waiver that matches nothing', () => {
      write(
        waiver(
          'policy: rollout/stages-rise-to-full, pointer: /rollout/stages/3, reason: r, ' +
            'owner: alice, expires: "2027-02-01"',
        ),
      );
      expect(brief(run([weights]))).toEqual([
        'rollout/stages-rise-to-full:notFull@13:15',
        'waivers/unused:unused@15:5',
      ]);
    });

    it('reports a waiver longer than the maximum for its severity, and still applies it', () => {
      write(waiver('policy: rollout/stages-rise-to-full, reason: r, owner: alice, expires: "2027-12-31"'));
      expect(brief(run([weights]))).toEqual([
        'rollout/stages-rise-to-full:notFull@13:15 (waived)',
        'waivers/too-long:tooLong@15:78',
      ]);
    });

    it('reports a waiver for an unknown policy, with a suggestion', () => {
      write(waiver('policy: rollout/stages-rise-to-ful, reason: r, owner: alice, expires: "2027-02-01"'));
      const result = run([weights]);
      expect(brief(result)).toEqual([
        'rollout/stages-rise-to-full:notFull@13:15',
        'waivers/unknown-policy:unknownPolicy@15:15',
      ]);
      expect(result.plans[0].diagnostics[1].hint).toBe('Did you mean `rollout/stages-rise-to-full`?');
    });
  });
});
