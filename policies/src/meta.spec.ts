// Conventions of the pack, checked on every policy (after typescript-eslint's rule meta-tests).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHECKLIST, checklistItem, validatePolicyOptions } from '@deploy-plan/core';
import { builtinPolicies, renderDocs } from './index';

const src = __dirname;
const root = path.resolve(src, '..', '..');
const topics = fs
  .readdirSync(src, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'util')
  .map((d) => d.name);
const policyFiles = topics.flatMap((t) =>
  fs
    .readdirSync(path.join(src, t))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .map((f) => `${t}/${f.replace(/\.ts$/, '')}`),
);

describe('the policy pack', () => {
  it('registers every policy file, once, in index.ts', () => {
    expect(builtinPolicies.map((p) => p.id).sort()).toEqual([...policyFiles].sort());
    expect(new Set(builtinPolicies.map((p) => p.id)).size).toBe(builtinPolicies.length);
  });

  it('maps every item of the deployment checklist to at least one policy', () => {
    const covered = new Set(builtinPolicies.flatMap((p) => [p.meta.checklist].flat()));
    expect(CHECKLIST.filter((item) => !covered.has(item.id)).map((item) => item.id)).toEqual([]);
  });

  it(
    'keeps generated docs (docs/policies, docs/checklist.md) in step with meta; run ' +
      '`npm run generate` when this fails',
    () => {
      const stale = [...renderDocs(builtinPolicies)].filter(([rel, content]) => {
        const file = path.join(root, rel);
        return !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== content;
      });
      expect(stale.map(([rel]) => rel)).toEqual([]);
    },
  );
});

describe.each(builtinPolicies.map((p) => [p.id, p] as const))('%s', (id, policy) => {
  const source = fs.readFileSync(path.join(src, `${id}.ts`), 'utf8');
  const spec = path.join(src, `${id}.spec.ts`);
  const items = [policy.meta.checklist].flat();

  it('has an id equal to its path', () => {
    expect(source).toContain(`id: '${id}'`);
  });

  it('names real checklist items and takes its default severity from the first', () => {
    for (const item of items) expect(checklistItem(item)).toBeDefined();
    expect(policy.meta.severity).toBe(checklistItem(items[0])!.severity);
  });

  it('has a spec that tests every messageId', () => {
    expect(fs.existsSync(spec)).toBe(true);
    const specText = fs.readFileSync(spec, 'utf8');
    for (const messageId of Object.keys(policy.meta.messages))
      expect({ messageId, tested: specText.includes(`messageId: '${messageId}'`) }).toEqual({
        messageId,
        tested: true,
      });
  });

  it('reports every messageId it declares somewhere in its check', () => {
    const body = source.slice(source.indexOf('check('));
    for (const messageId of Object.keys(policy.meta.messages))
      expect({ messageId, used: body.includes(`'${messageId}'`) }).toEqual({ messageId, used: true });
  });

  it('documents itself: description, rationale and examples', () => {
    expect(policy.meta.description.length).toBeGreaterThan(20);
    expect(policy.meta.rationale.length).toBeGreaterThan(40);
    expect(policy.meta.examples?.fail).toBeTruthy();
    expect(policy.meta.examples?.pass).toBeTruthy();
  });

  it('has options defaults that match its options schema', () => {
    if (!policy.meta.options) return;
    expect(validatePolicyOptions(policy, policy.meta.options.defaults as Record<string, unknown>)).toEqual([]);
  });
});
