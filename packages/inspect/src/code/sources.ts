import * as fs from 'node:fs';
import * as path from 'node:path';

// No TypeScript here: the facts cache lists sources without loading the compiler.

const SOURCE_EXT = /\.(tsx?|jsx?|mjs|cjs|mts|cts)$/;

/** The most source files read for one project; the rest are reported as left out. */
export const MAX_SOURCE_FILES = 5000;
const TEST_FILE = /\.(spec|test|e2e-spec|stories|d)\.[cm]?[jt]sx?$/;
const SKIP_DIRS = new Set([
  'node_modules',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.nx',
  '.git',
  '__tests__',
  '__mocks__',
  '__fixtures__',
  'test',
  'tests',
  'e2e',
  'acceptance',
  'cypress',
  'playwright',
  '.turbo',
  '.cache',
  'tmp',
]);
/** Tool configuration files: they configure the build and tests, not the deployed service. */
const TOOL_CONFIG = new RegExp(
  [
    '^(jest|vitest|playwright|cypress|webpack|vite|eslint|babel|rollup|prettier|tailwind|postcss|tsup',
    '|commitlint|lint-staged|stylelint)\\.config\\.',
  ].join(''),
);

/** Source files of a folder: .ts/.tsx/.mts/.cts/.js/.jsx/.mjs/.cjs, without tests, builds or installs. */
export function sourceFilesOf(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (depth < 20 && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) visit(path.join(d, e.name), depth + 1);
      } else if (e.isFile() && SOURCE_EXT.test(e.name) && !TEST_FILE.test(e.name) && !TOOL_CONFIG.test(e.name)) {
        out.push(path.join(d, e.name));
      }
    }
  };
  visit(dir, 0);
  return out.sort();
}
