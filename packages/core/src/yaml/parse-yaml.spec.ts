import { parseEvents } from 'js-yaml';
import { LineIndex } from '../source/line-index';
import { checkAliasExpansion } from './alias-budget';
import { parseYaml } from './parse-yaml';

function problemsOf(text: string) {
  const parsed = parseYaml(text);
  const index = new LineIndex(text);
  return {
    parsed,
    problems: parsed.problems.map((p) => {
      const at = index.position(p.range.start);
      return { messageId: p.messageId, line: at.line, column: at.column, data: p.data, hint: p.hint };
    }),
  };
}

/** billion laughs: 9 levels of 9 aliases each = 9^9 nodes once expanded. */
function aliasBomb(levels = 9): string {
  const names = 'abcdefghijklmnop';
  let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < levels; i++)
    text += `${names[i]}: &${names[i]} [${Array(9)
      .fill(`*${names[i - 1]}`)
      .join(',')}]\n`;
  return text;
}

describe('parseYaml', () => {
  it('returns the mapping of a clean document without problems', () => {
    const { parsed, problems } = problemsOf('a: 1\nb: [x, y]\n');
    expect(problems).toEqual([]);
    expect(parsed.value).toEqual({ a: 1, b: ['x', 'y'] });
  });

  it('computes positions lazily, on the first request', () => {
    const parsed = parseYaml('a:\n  b: 1\n');
    expect(parsed.locate('/a/b')?.value).toEqual({ start: 8, end: 9 });
  });

  it.each([
    ['an unclosed flow sequence', 'a: [1, 2\nb: 3\n', 'syntaxError', 2, 1],
    ['an unclosed quote', 'a: "open\n', 'syntaxError', 2, 1],
    ['a key indented off its siblings', 'a:\n  b: 1\n   c: 2\n', 'syntaxError', 3, 5],
    ['a tab used for indentation', 'a:\n\tb: 1\n', 'tabIndentation', 2, 1],
    ['a missing space after a colon', 'a: b: c\n', 'syntaxError', 1, 5],
  ])('reports %s with its position', (_name, text, messageId, line, column) => {
    const { parsed, problems } = problemsOf(text);
    expect(parsed.value).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ messageId, line, column });
  });

  it('rewrites parser wording into a sentence with a hint', () => {
    const { problems } = problemsOf('a: [1, 2\nb: 3\n');
    expect(problems[0].data.reason).not.toMatch(/deficient|flow collection/);
    expect(problems[0].hint).toBeDefined();
  });

  it('reports every duplicate key and still returns the document', () => {
    const { parsed, problems } = problemsOf('project: a\nowner: x\nproject: b\nowner: y\n');
    expect(problems.map((p) => [p.messageId, p.line, p.column, p.data.key])).toEqual([
      ['duplicateKey', 3, 1, 'project'],
      ['duplicateKey', 4, 1, 'owner'],
    ]);
    expect(parsed.value).toEqual({ project: 'b', owner: 'y' });
  });

  it('checks only the first of several documents, and says so', () => {
    const { parsed, problems } = problemsOf('a: 1\n---\nb: 2\n');
    expect(problems).toMatchObject([{ messageId: 'multipleDocuments', line: 3, column: 1 }]);
    expect(parsed.value).toEqual({ a: 1 });
  });

  it.each([
    ['an empty file', ''],
    ['only whitespace', '  \n\n'],
    ['only comments', '# nothing yet\n# still nothing\n'],
    ['an explicit null', '~\n'],
  ])('reports %s as empty', (_name, text) => {
    const { parsed, problems } = problemsOf(text);
    expect(parsed.value).toBeUndefined();
    expect(problems.map((p) => p.messageId)).toEqual(['empty']);
  });

  it.each([
    ['a list', '- a\n- b\n', 'a list'],
    ['a scalar', '# comment\nhello\n', 'the string "hello"'],
    ['a number', '42\n', 'the number 42'],
  ])('reports a document that is %s, not a mapping', (_name, text, found) => {
    const { problems } = problemsOf(text);
    expect(problems).toMatchObject([{ messageId: 'notAMapping', data: { found } }]);
  });

  it('puts the not-a-mapping position at the first content, after comments', () => {
    expect(problemsOf('# comment\n\n- a\n').problems[0]).toMatchObject({ line: 3, column: 1 });
  });

  it('refuses an alias bomb without expanding it', () => {
    const text = aliasBomb();
    const { parsed, problems } = problemsOf(text);
    expect(parsed.value).toBeUndefined();
    expect(problems).toMatchObject([{ messageId: 'aliasExpansion', data: { limit: '100000' } }]);
    // Refused at the alias that crosses the budget (line 6), before anything is constructed;
    // the count itself is linear in the events, so time and memory stay bounded (tools/bench/hostile).
    expect(problems[0].line).toBe(6);
    const overrun = checkAliasExpansion(text, parseEvents(text, {}), 100_000);
    expect(overrun!.nodes).toBeGreaterThan(100_000);
    expect(overrun!.nodes).toBeLessThan(200_000);
  });

  it.each([
    ['the root', '&a\n$schema: *a\nproject: x\n', 2, 10],
    ['a flow list', 'project: x\nlist: &l [1, *l]\n', 2, 14],
    ['a nested block', 'stages: &s\n  - name: a\n    next:\n      - *s\n', 4, 9],
  ])('refuses an alias inside the node its anchor names (%s): a cyclic value', (_n, text, line, column) => {
    // js-yaml would build a cyclic object, and every walk over the plan would follow it forever.
    const { parsed, problems } = problemsOf(text);
    expect(parsed.value).toBeUndefined();
    expect(problems).toMatchObject([{ messageId: 'recursiveAlias', line, column }]);
  });

  it('accepts an alias to a node of the same anchor name defined again inside the first', () => {
    const { parsed, problems } = problemsOf('a: &x [&x 1, *x]\n');
    expect(problems).toEqual([]);
    expect(parsed.value).toEqual({ a: [1, 1] });
  });

  it('accepts ordinary anchors and aliases', () => {
    const { parsed, problems } = problemsOf('gate: &g { metric: m }\nother: *g\n');
    expect(problems).toEqual([]);
    expect(parsed.value).toEqual({ gate: { metric: 'm' }, other: { metric: 'm' } });
  });

  it('refuses nesting deeper than the limit', () => {
    const text = `a: ${'['.repeat(100)}${']'.repeat(100)}\n`;
    expect(problemsOf(text).problems).toMatchObject([{ messageId: 'tooDeep' }]);
  });

  it('keeps __proto__ and constructor as ordinary keys without polluting prototypes', () => {
    const { parsed, problems } = problemsOf('__proto__:\n  polluted: yes\nconstructor:\n  prototype: 1\n');
    expect(problems).toEqual([]);
    expect(Object.keys(parsed.value!)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed.value)).toBe(Object.prototype);
  });

  it('refuses YAML tags that would construct code', () => {
    const { problems } = problemsOf('a: !!js/function "function () {}"\n');
    expect(problems).toMatchObject([{ messageId: 'syntaxError', line: 1 }]);
  });
});
