import { detached } from '@deploy-plan/core';

/** A reference, found in a shell command, to something the project must define. */
export type CommandReference =
  { kind: 'script'; name: string; text: string } | { kind: 'target'; project?: string; target: string; text: string };

/** Nx's own commands: `nx <these>` is not a target of a project. */
const NX_COMMANDS = new Set([
  'run',
  'run-many',
  'affected',
  'graph',
  'dep-graph',
  'show',
  'release',
  'generate',
  'g',
  'add',
  'migrate',
  'format',
  'format:check',
  'format:write',
  'reset',
  'report',
  'list',
  'init',
  'connect',
  'connect-to-nx-cloud',
  'daemon',
  'watch',
  'sync',
  'sync:check',
  'exec',
  'view-logs',
  'import',
  'repair',
  'login',
  'logout',
  'record',
  'fix-ci',
  'mcp',
  'configure-ai-agents',
]);

const NPM_SHORTHANDS: Record<string, string> = {
  test: 'test',
  t: 'test',
  tst: 'test',
  start: 'start',
  stop: 'stop',
  restart: 'restart',
};

const SEPARATORS = /\|\||&&|[;|&()]/;
const BLANKS = /[ \t\n]+/;

/** Splits a shell line into simple commands and their words (quotes respected, good enough for plans). */
function simpleCommands(line: string): string[][] {
  if (!line.includes('"') && !line.includes("'")) {
    // No quotes (most commands): split on operators, then on blanks.
    const out: string[][] = [];
    for (const part of line.split(SEPARATORS)) {
      const words = part.split(BLANKS).filter(Boolean);
      if (words.length) out.push(words);
    }
    return out;
  }
  const out: string[][] = [];
  let words: string[] = [];
  let word = '';
  let quote: string | undefined;
  const endWord = () => {
    if (word) words.push(word);
    word = '';
  };
  const endCommand = () => {
    endWord();
    if (words.length) out.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else word += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ' ' || c === '\t' || c === '\n') endWord();
    else if (c === ';' || c === '|' || c === '&' || c === '(' || c === ')') {
      endCommand();
      if (line[i + 1] === c) i++;
    } else word += c;
  }
  endCommand();
  return out;
}

const NONE: readonly CommandReference[] = Object.freeze([]);

/** Commands repeat across a workspace's plans (`npm run build`, `npm test`): each is parsed once. */
const parsed = new Map<string, readonly CommandReference[]>();
const MAX_PARSED = 4096;

/**
 * The npm scripts and Nx targets a command runs: `npm run deploy:staging`, `npm test`,
 * `pnpm run build`, `yarn run lint`, `nx build api`, `npx nx run api:build:production`.
 * Environment assignments (`BASE_URL=... npm run e2e`) and `npx`/`pnpm exec` are looked through.
 * The result is shared between calls with the same command, and frozen.
 */
export function commandReferences(line: string): readonly CommandReference[] {
  // Only npm, pnpm, yarn and nx run scripts or targets: most commands (curl, kubectl) name none.
  if (!line.includes('npm') && !line.includes('yarn') && !line.includes('nx')) return NONE;
  let refs = parsed.get(line);
  if (!refs) {
    // Kept for the run: a copy, not a slice of the plan's text (see `detached`).
    const own = detached(line);
    refs = Object.freeze(parseReferences(own).map((r) => Object.freeze(r)));
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(own, refs);
  }
  return refs;
}

function parseReferences(line: string): CommandReference[] {
  const refs: CommandReference[] = [];
  for (let words of simpleCommands(line)) {
    while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) words = words.slice(1);
    if (words[0] === 'npx' || ((words[0] === 'pnpm' || words[0] === 'yarn') && words[1] === 'exec'))
      words = words.slice(words[0] === 'npx' ? 1 : 2);
    while (words[0]?.startsWith('-') && words[0] !== '--') words = words.slice(1); // npx --yes nx ...
    const [tool, sub, ...rest] = words;
    const text = words.join(' ');
    if (tool === 'npm' || tool === 'pnpm' || tool === 'yarn') {
      // Runs in another package.
      if (rest.some((w) => w === '-w' || w === '--workspace' || w.startsWith('--prefix') || w === '--filter')) continue;
      if (sub === 'run' || sub === 'run-script') {
        const name = rest.find((w) => !w.startsWith('-'));
        if (name) refs.push({ kind: 'script', name, text });
      } else if (tool === 'npm' && sub && NPM_SHORTHANDS[sub])
        refs.push({ kind: 'script', name: NPM_SHORTHANDS[sub], text });
    } else if (tool === 'nx' && sub) {
      if (sub === 'run') {
        const spec = rest.find((w) => !w.startsWith('-'));
        const [project, target] = spec?.split(':') ?? [];
        if (project && target) refs.push({ kind: 'target', project, target, text });
      } else if (!NX_COMMANDS.has(sub) && !sub.startsWith('-')) {
        const project = rest.find((w) => !w.startsWith('-'));
        refs.push({ kind: 'target', project, target: sub, text });
      }
    }
  }
  return refs;
}
