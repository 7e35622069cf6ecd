// Real code, not only fixtures: code inspection over a fixed sample of at least 2,000 JavaScript
// and TypeScript files that ship in node_modules (ajv, commander, jest, nx, ...). No file may
// make it fail, and every source file of each package folder must be inspected.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspectCode } from './inspect-code';
import { sourceFilesOf } from './sources';

const NODE_MODULES = path.resolve(__dirname, '../../../../node_modules');
const SAMPLE_FILES = 2000;
/** Folders a package keeps its code in, in the order they are tried. */
const CODE_FOLDERS = ['lib', 'src', 'build', 'dist'];
/** Large bundles (the compiler itself) would only slow the sweep down. */
const MAX_FILE = 512 * 1024;

/** Packages in name order (scopes expanded), each with the first code folder it has. */
function sample(): { dir: string; files: string[] }[] {
  const names = fs
    .readdirSync(NODE_MODULES)
    .filter((n) => !n.startsWith('.'))
    .flatMap((n) => (n.startsWith('@') ? fs.readdirSync(path.join(NODE_MODULES, n)).map((s) => `${n}/${s}`) : [n]))
    .sort();
  const out: { dir: string; files: string[] }[] = [];
  let total = 0;
  for (const name of names) {
    if (total >= SAMPLE_FILES) break;
    const folder = CODE_FOLDERS.map((f) => path.join(NODE_MODULES, name, f)).find(
      (d) => fs.existsSync(d) && fs.statSync(d).isDirectory(),
    );
    if (!folder) continue;
    const files = sourceFilesOf(folder);
    if (files.length < 3 || files.length > 1500 || files.some((f) => fs.statSync(f).size > MAX_FILE)) continue;
    out.push({ dir: folder, files });
    total += files.length;
  }
  return out;
}

describe('code inspection over code that ships in node_modules', () => {
  const packages = sample();

  it(`samples at least ${SAMPLE_FILES} files by a fixed rule`, () => {
    expect(packages.reduce((n, p) => n + p.files.length, 0)).toBeGreaterThanOrEqual(SAMPLE_FILES);
  });

  it('inspects every file of every sampled package, with no failure', () => {
    const problems: string[] = [];
    for (const { dir, files } of packages) {
      const facts = inspectCode(dir, dir, { cacheDir: false });
      for (const f of facts.failures ?? [])
        problems.push(`${path.relative(NODE_MODULES, dir)}/${f.file}:${f.line}: ${f.message}`);
      const inspected = new Set(facts.files);
      for (const file of files) {
        const rel = path.relative(dir, file).split(path.sep).join('/');
        if (!inspected.has(rel)) problems.push(`${path.relative(NODE_MODULES, file)}: not inspected`);
      }
    }
    expect(problems).toEqual([]);
  });
});
