import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCheck } from './run-check';

const examples = path.resolve(__dirname, '../../../../examples');
const good = fs.readFileSync(path.join(examples, 'orders-api/deploy-plan.yaml'), 'utf8');

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-run-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function put(rel: string, content: string | Buffer) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

const summary = (result: ReturnType<typeof runCheck>) =>
  result.plans.map((p) => [p.file, p.diagnostics.map((d) => `${d.ruleId}:${d.messageId}@${d.line}:${d.column}`)]);

describe('runCheck', () => {
  it('accepts every example plan', () => {
    const result = runCheck({ root: path.dirname(examples), paths: [examples] });
    expect(result.plans.map((p) => p.project).sort()).toEqual([
      'billing-db',
      'catalog-api',
      'invoice-worker',
      'orders-api',
      'storefront-web',
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('reports every kind of bad file with a position and still checks the others', () => {
    put('a-good/deploy-plan.yaml', good);
    put('b-syntax/deploy-plan.yaml', 'apiVersion: deploy-plan/v1\nproject: [unclosed\n');
    put('c-dir/deploy-plan.yaml/.keep', '');
    put('d-binary/deploy-plan.yaml', Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    put('e-empty/deploy-plan.yaml', '');
    put('f-list/deploy-plan.yml', '- a\n');
    fs.mkdirSync(path.join(root, 'g-loop'));
    fs.symlinkSync(path.join(root, 'g-loop/deploy-plan.yaml'), path.join(root, 'g-loop/deploy-plan.yaml'));
    put('h-dupes/deploy-plan.yaml', good.replace('owner: team-orders\n', 'owner: team-orders\nowner: someone-else\n'));
    expect(summary(runCheck({ root }))).toEqual([
      ['a-good/deploy-plan.yaml', []],
      ['b-syntax/deploy-plan.yaml', ['plan/yaml-syntax:syntaxError@3:1']],
      ['c-dir/deploy-plan.yaml', ['plan/unreadable:directory@1:1']],
      ['d-binary/deploy-plan.yaml', ['plan/unreadable:notUtf8@1:4']],
      ['e-empty/deploy-plan.yaml', ['plan/not-a-plan:empty@1:1']],
      ['f-list/deploy-plan.yml', ['plan/not-a-plan:notAMapping@1:1']],
      ['g-loop/deploy-plan.yaml', ['plan/unreadable:symlinkLoop@1:1']],
      ['h-dupes/deploy-plan.yaml', ['plan/yaml-syntax:duplicateKey@5:1']],
    ]);
  });

  it('never reads a plan or config that links outside the workspace, and names no content of it', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-outside-'));
    try {
      fs.writeFileSync(path.join(outside, '.npmrc'), '//registry.npmjs.org/:_authToken=npm_SECRET\n');
      fs.mkdirSync(path.join(root, 'apps/leak'), { recursive: true });
      fs.symlinkSync(path.join(outside, '.npmrc'), path.join(root, 'apps/leak/deploy-plan.yaml'));
      fs.symlinkSync(path.join(outside, '.npmrc'), path.join(root, 'deploy-plan.config.yaml'));
      put('apps/inside/deploy-plan.yaml', good);
      fs.symlinkSync(path.join(root, 'apps/inside/deploy-plan.yaml'), path.join(root, 'apps/link.yaml'));
      const result = runCheck({ root, paths: [root, path.join(root, 'apps/link.yaml')] });
      expect(summary(result)).toEqual([
        ['apps/inside/deploy-plan.yaml', []],
        ['apps/leak/deploy-plan.yaml', ['plan/unreadable:outsideRoot@1:1']],
        ['apps/link.yaml', []],
      ]);
      expect(JSON.stringify(result)).not.toContain('SECRET');
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('quotes at most 80 characters of what a file holds', () => {
    put('apps/long/deploy-plan.yaml', `"${'x'.repeat(5000)}"\n`);
    put('apps/key/deploy-plan.yaml', `${'k'.repeat(5000)}: 1\n`);
    const messages = runCheck({ root }).diagnostics.map((d) => d.message);
    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const message of messages) expect(message).not.toMatch(/[xk]{81}/);
  });

  it('names the plan project, or the folder when the plan does not say', () => {
    put('apps/orders/deploy-plan.yaml', good);
    put('apps/broken/deploy-plan.yaml', '- a\n');
    expect(runCheck({ root }).plans.map((p) => p.project)).toEqual(['broken', 'orders-api']);
  });

  it('reads a 5 MB plan and reports its problems without hanging', () => {
    // 5 MB of edge cases, every 1000th one broken.
    const lines: string[] = [good.replace('  edgeCases:\n', '  edgeCases:\n__EDGE__\n')];
    const edges: string[] = [];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      const entry =
        i % 1000 === 999
          ? `    - id: Bad Id ${i}\n      description: generated\n`
          : `    - id: edge-${i}\n      description: Generated edge case number ${i} for the size test\n`;
      edges.push(entry);
      size += entry.length;
    }
    put('big/deploy-plan.yaml', lines[0].replace('__EDGE__\n', edges.join('')));
    const result = runCheck({ root });
    const diagnostics = result.plans[0].diagnostics;
    expect(fs.statSync(path.join(root, 'big/deploy-plan.yaml')).size).toBeGreaterThan(5 * 1024 * 1024);
    expect(diagnostics.length).toBeGreaterThan(50);
    expect(new Set(diagnostics.map((d) => d.messageId))).toEqual(new Set(['badFormat']));
  });

  it('refuses a plan over the size limit with a clear diagnostic', () => {
    put('huge/deploy-plan.yaml', `purpose: "${'x'.repeat(2 * 1024 * 1024)}"\n`);
    put('ok/deploy-plan.yaml', good);
    const result = runCheck({ root, maxFileSize: 1024 * 1024 });
    expect(summary(result)).toEqual([
      ['huge/deploy-plan.yaml', ['plan/unreadable:tooLarge@1:1']],
      ['ok/deploy-plan.yaml', []],
    ]);
    expect(result.plans[0].diagnostics[0].message).toMatch(/over the 1048576-byte limit/);
  });

  it('refuses an alias bomb with a clear diagnostic', () => {
    const names = 'abcdefghi';
    let bomb = 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < 9; i++)
      bomb += `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(', ')}]\n`;
    put('bomb/deploy-plan.yaml', bomb);
    const [plan] = runCheck({ root }).plans;
    expect(plan.diagnostics.map((d) => d.messageId)).toEqual(['aliasExpansion']);
    expect(plan.diagnostics[0].message).toMatch(/aliases expand this document to more than 100000 nodes/);
  });

  it('accepts CRLF line ends, a byte-order mark and positions them like LF', () => {
    const crlf = good.replace(/\n/g, '\r\n').replace('maxDuration: 2m', 'maxDuraton: 2m');
    put('crlf/deploy-plan.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf)]));
    put('lf/deploy-plan.yaml', good.replace('maxDuration: 2m', 'maxDuraton: 2m'));
    const [a, b] = runCheck({ root }).plans;
    expect(a.diagnostics.map((d) => [d.line, d.column])).toEqual(b.diagnostics.map((d) => [d.line, d.column]));
    expect(a.diagnostics).toHaveLength(1);
  });

  it('sorts diagnostics by file, line and column', () => {
    put('b/deploy-plan.yaml', 'project: 1\nowner: 2\n');
    put('a/deploy-plan.yaml', 'owner: [x]\n');
    const result = runCheck({ root });
    const keys = result.diagnostics.map(
      (d) => `${d.file}:${String(d.line).padStart(4, '0')}:${String(d.column).padStart(4, '0')}`,
    );
    expect(keys).toEqual([...keys].sort());
  });
});
