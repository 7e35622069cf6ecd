// Real source files to start from (code that ships in node_modules, and the examples' own
// services) and the mutations the source fuzzer applies to them: delete or duplicate a span of
// tokens, wrap a span in thousands of brackets, insert snippets the inspectors look for.
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { REPO } from './bases';

export interface SourceFile {
  /** Workspace-relative path of the original, for reports. */
  origin: string;
  /** File name in the fuzz project (keeps the extension, never a test or .d.ts name). */
  name: string;
  text: string;
}

/** Folders sampled, with how many files each gives at most. */
const FOLDERS: [string, number][] = [
  ['node_modules/commander/lib', 8],
  ['node_modules/ajv/lib', 12],
  ['node_modules/js-yaml/dist', 4],
  ['node_modules/@nx/devkit/src', 12],
  ['node_modules/fast-check/lib', 2],
  ['examples', 14],
];
const MAX_BYTES = 200 * 1024;
const CODE = /\.(ts|tsx|js|mjs|cjs)$/;
const SKIP = /\.(d|spec|test)\.[cm]?[jt]sx?$/;

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      if (e.isDirectory() && e.name !== 'node_modules') visit(full);
      else if (e.isFile() && CODE.test(e.name) && !SKIP.test(e.name) && fs.statSync(full).size <= MAX_BYTES)
        out.push(full);
    }
  };
  visit(dir);
  return out;
}

/** About 50 files, chosen by a fixed rule: evenly spaced over each folder's sorted list. */
export function sampleSources(): SourceFile[] {
  const out: SourceFile[] = [];
  for (const [folder, quota] of FOLDERS) {
    const dir = path.join(REPO, folder);
    if (!fs.existsSync(dir)) continue;
    const files = listFiles(dir);
    const step = Math.max(1, files.length / quota);
    for (let i = 0; i < Math.min(quota, files.length); i++) {
      const file = files[Math.floor(i * step)];
      const origin = path.relative(REPO, file).split(path.sep).join('/');
      out.push({ origin, name: `f${out.length}${path.extname(file)}`, text: fs.readFileSync(file, 'utf8') });
    }
  }
  return out;
}

/** Tokens: words, numbers, runs of space, single punctuation; joined they give the text back. */
export function tokenize(text: string): string[] {
  return text.match(/[A-Za-z_$][\w$]*|\d+|\s+|[^\sA-Za-z_$\d]/g) ?? [];
}

export const SNIPPETS = [
  "express().get('/x', h)",
  'process.env.X',
  "client.getBooleanValue('k', false)",
  "app.get('/health/ready', async (req, res) => { await db.query('select 1'); res.json({ ok: true }); })",
  'router.post(`/api/${v}/orders`, handler)',
  "new client.Counter({ name: 'fuzz_total', help: 'h' })",
  "process.env['Y' + k]",
  'const { Z = "d", ...rest } = process.env',
  "registerRoute('GET', '/r', h)",
  "isEnabled('flag-' + k)",
  "fastify.route({ method: 'GET', url: '/f', handler })",
  "import express from 'express'",
  "require('./f0')",
];

export type SourceMutation =
  | { kind: 'delete'; start: number; length: number }
  | { kind: 'duplicate'; start: number; length: number }
  | { kind: 'wrap'; start: number; length: number; bracket: '(' | '[' | '{'; depth: number }
  | { kind: 'insert'; at: number; snippet: number; bare: boolean };

const index = fc.nat({ max: 1_000_000 });
const span = fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 400 }));

export const sourceMutation: fc.Arbitrary<SourceMutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), start: index, length: span }),
  fc.record({ kind: fc.constant('duplicate' as const), start: index, length: span }),
  fc.record({
    kind: fc.constant('wrap' as const),
    start: index,
    length: span,
    bracket: fc.constantFrom<'(' | '[' | '{'>('(', '[', '{'),
    depth: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 500, max: 5000 })),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: index,
    snippet: fc.nat({ max: SNIPPETS.length - 1 }),
    bare: fc.boolean(),
  }),
);

const CLOSE = { '(': ')', '[': ']', '{': '}' } as const;

export function applySourceMutation(text: string, m: SourceMutation): { text: string; where: string } {
  const tokens = tokenize(text);
  const n = tokens.length;
  if (m.kind === 'insert') {
    const at = m.at % (n + 1);
    const snippet = m.bare ? SNIPPETS[m.snippet] : `;${SNIPPETS[m.snippet]};`;
    return { text: [...tokens.slice(0, at), snippet, ...tokens.slice(at)].join(''), where: `token ${at}` };
  }
  const start = n ? m.start % n : 0;
  const end = Math.min(n, start + m.length);
  const before = tokens.slice(0, start).join('');
  const spanText = tokens.slice(start, end).join('');
  const after = tokens.slice(end).join('');
  const where = `tokens ${start}..${end} (${JSON.stringify(spanText.slice(0, 80))})`;
  switch (m.kind) {
    case 'delete':
      return { text: before + after, where };
    case 'duplicate':
      return { text: before + spanText + spanText + after, where };
    case 'wrap':
      return { text: before + m.bracket.repeat(m.depth) + spanText + CLOSE[m.bracket].repeat(m.depth) + after, where };
  }
}
