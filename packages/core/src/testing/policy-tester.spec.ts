import { definePolicy } from '../policy/define-policy';
import { checkInvalidCase, checkValidCase, type InvalidCase } from './policy-tester';
import { planYaml } from './plan-fixture';

// A policy that reports the owner, with a message whose placeholder it may forget to fill.
const ownerPolicy = (data: Record<string, string>) =>
  definePolicy({
    id: 'test/owner',
    meta: {
      severity: 'minor',
      checklist: 'step-1',
      description: 'Reports the owner.',
      rationale: 'For the tester tests.',
      messages: { owner: 'Owned by {{who}}.' },
    },
    check: ({ report }) => report({ messageId: 'owner', pointer: '/owner', data }),
  });

const plan = planYaml('owner: team-a');
const filled = ownerPolicy({ who: 'team-a' });
const at = { messageId: 'owner', pointer: '/owner', line: 1, column: 8 };

describe('PolicyTester cases', () => {
  it('passes an invalid case that names the finding and its position', () => {
    expect(() => checkInvalidCase(filled, { name: 'n', plan, errors: [at] })).not.toThrow();
  });

  it('compares the message when a case gives it', () => {
    const ok: InvalidCase = { name: 'n', plan, errors: [{ ...at, message: 'Owned by team-a.' }] };
    expect(() => checkInvalidCase(filled, ok)).not.toThrow();
    const wrong: InvalidCase = { name: 'n', plan, errors: [{ ...at, message: 'Owned by someone.' }] };
    expect(() => checkInvalidCase(filled, wrong)).toThrow(/Findings of "n"/);
  });

  it('fails a message left with an unfilled placeholder, in valid and invalid cases', () => {
    const unfilled = ownerPolicy({});
    expect(() => checkInvalidCase(unfilled, { name: 'n', plan, errors: [at] })).toThrow(/leaves \{\{who\}\} unfilled/);
    expect(() => checkValidCase(unfilled, { name: 'n', plan })).toThrow(/leaves \{\{who\}\} unfilled/);
  });

  it('requires a line and a column on every expected error', () => {
    const { line: _line, ...noLine } = at;
    const c = { name: 'n', plan, errors: [noLine] } as unknown as InvalidCase;
    expect(() => checkInvalidCase(filled, c)).toThrow(/needs its line and column/);
  });

  it('fails a wrong line', () => {
    expect(() => checkInvalidCase(filled, { name: 'n', plan, errors: [{ ...at, line: 2 }] })).toThrow(/Findings/);
  });

  it('counts lines from the case text: the required sections come after it', () => {
    expect(planYaml('owner: team-a').split('\n')[0]).toBe('owner: team-a');
  });
});
