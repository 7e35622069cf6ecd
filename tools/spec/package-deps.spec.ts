// What each package ships, as `npm pack` sees it: README, LICENSE and package.json, no tsc build
// info and no source maps (they point at src/, which is not shipped), and every package its
// shipped JavaScript loads declared in its own dependencies or peerDependencies. Hoisting in
// this workspace hides an undeclared one; a user's pnpm (isolated node_modules) does not.
// Needs `npm run build` first (npm test does).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import * as ts from 'typescript';
import { PACKAGES, root } from './packages';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  repository?: { type?: string; url?: string; directory?: string };
  engines?: { node?: string };
}

interface Load {
  file: string;
  line: number;
  specifier: string;
}

/** The files `npm pack` would put in the tarball, relative to the package folder. */
function packedFiles(dir: string): string[] {
  const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: path.join(root, dir),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [{ files }] = JSON.parse(out) as { files: { path: string }[] }[];
  return files.map((f) => f.path).sort();
}

/**
 * Module specifiers a JavaScript file loads with a literal: `require('x')`, `require.resolve('x')`,
 * `import('x')`, `import … from 'x'`, `export … from 'x'`. A loop with a stack: generated code
 * nests deeper than recursion should go.
 */
function loadsOf(file: string, text: string): Load[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const loads: Load[] = [];
  const add = (node: ts.Node) => {
    if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    loads.push({ file, line, specifier: node.text });
  };
  const stack: ts.Node[] = [source];
  while (stack.length) {
    const node = stack.pop()!;
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier)
      add(node.moduleSpecifier);
    if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const callee = node.expression;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      const isResolve =
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === 'require' &&
        callee.name.text === 'resolve';
      if (isRequire || isResolve || callee.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0]);
    }
    node.forEachChild((child) => {
      stack.push(child);
    });
  }
  return loads.sort((a, b) => a.line - b.line);
}

const isBare = (specifier: string) =>
  !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.startsWith('node:') && !isBuiltin(specifier);

/** `@scope/name/sub/path` -> `@scope/name`, `name/sub` -> `name`. */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

describe.each(PACKAGES)('%s as packed', (dir) => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8')) as Manifest;
  let files: string[];
  let loads: Load[];

  beforeAll(() => {
    files = packedFiles(dir);
    loads = files
      .filter((f) => /\.[cm]?js$/.test(f))
      .flatMap((f) => loadsOf(f, fs.readFileSync(path.join(root, dir, f), 'utf8')));
  }, 60_000);

  it('ships README.md, LICENSE and package.json, and no tsc build info or source maps', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
    expect(files.filter((f) => /\.tsbuildinfo$|\.map$/.test(f))).toEqual([]);
    // Nor a comment that points at a map it does not ship.
    const pointing = files.filter(
      (f) => /\.(js|d\.ts)$/.test(f) && fs.readFileSync(path.join(root, dir, f), 'utf8').includes('sourceMappingURL='),
    );
    expect(pointing).toEqual([]);
    // Built output is there: the test is not passing on an empty dist/.
    expect(files).toContain('dist/index.js');
  });

  it('says which Node it runs on, and points at no site or repository we do not run', () => {
    expect(manifest).not.toHaveProperty('repository');
    expect(manifest).not.toHaveProperty('homepage');
    expect(manifest).not.toHaveProperty('bugs');
    const shipped = ['package.json', 'README.md', ...files.filter((f) => /\.(js|json|md)$/.test(f))];
    const urls = shipped.flatMap((f) =>
      [...fs.readFileSync(path.join(root, dir, f), 'utf8').matchAll(/https?:\/\/[^\s'"`)<>\]]+/g)].map((m) => m[0]),
    );
    // Standards' own addresses (JSON Schema, SARIF), examples and cluster-local Service names only.
    const allowed = [
      /^https:\/\/(json-schema\.org|json\.schemastore\.org|docs\.oasis-open\.org)\//,
      /example\.com/,
      /^http:\/\/localhost\b/,
      /^http:\/\/[\w.-]+\.svc(:\d+)?$/,
    ];
    expect(urls.filter((u) => !allowed.some((re) => re.test(u)))).toEqual([]);
    expect(manifest.engines?.node).toBe(
      (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest).engines?.node,
    );
  });

  it('declares every package its shipped JavaScript loads', () => {
    const declared = new Set(
      [manifest.dependencies, manifest.peerDependencies, manifest.optionalDependencies].flatMap((deps) =>
        Object.keys(deps ?? {}),
      ),
    );
    const undeclared = loads
      .filter((l) => isBare(l.specifier) && packageOf(l.specifier) !== manifest.name)
      .filter((l) => !declared.has(packageOf(l.specifier)))
      .map((l) => `${dir}/${l.file}:${l.line} loads ${l.specifier}`);
    expect(undeclared).toEqual([]);
  });

  it('declares no dependency its shipped JavaScript never loads', () => {
    const loaded = new Set(loads.filter((l) => isBare(l.specifier)).map((l) => packageOf(l.specifier)));
    // Peers are for the host (nx for @nx/devkit, the CLI the plugin's target runs), not only for our code.
    expect(Object.keys(manifest.dependencies ?? {}).filter((name) => !loaded.has(name))).toEqual([]);
  });

  it('loads only what resolves: relative paths to packed files, bare specifiers to installed exports', () => {
    const packed = new Set(files);
    const unresolved: string[] = [];
    for (const { file, line, specifier } of loads) {
      if (specifier.startsWith('.')) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
        const candidates = [target, `${target}.js`, `${target}.json`, `${target}/index.js`];
        if (!candidates.some((c) => packed.has(c))) unresolved.push(`${dir}/${file}:${line} ${specifier}`);
      } else if (isBare(specifier)) {
        // Resolved from the package's folder, through `exports`, as an installed copy resolves it.
        try {
          require.resolve(specifier, { paths: [path.join(root, dir)] });
        } catch {
          unresolved.push(`${dir}/${file}:${line} ${specifier}`);
        }
      }
    }
    expect(unresolved).toEqual([]);
  });
});

describe('the dependency scan', () => {
  it('finds literal require, require.resolve, import() and import/export from, and nothing in strings', () => {
    const text = [
      "const a = require('a');",
      "const b = require.resolve('@b/b/sub');",
      'async function f() { return import(`c`); }',
      "import d from 'd';",
      "export * from './e';",
      "const s = 'require(\"not-a-load\")'; // require('nor-this')",
      'const dynamic = require(name);',
    ].join('\n');
    expect(loadsOf('x.js', text).map((l) => `${l.line}:${l.specifier}`)).toEqual([
      '1:a',
      '2:@b/b/sub',
      '3:c',
      '4:d',
      '5:./e',
    ]);
  });

  it('treats builtins and relative paths as no dependency, and names the package of a subpath', () => {
    expect(['node:fs', 'fs', './x', '../y', '/abs', 'ajv/dist/2020', '@nx/devkit/testing'].filter(isBare)).toEqual([
      'ajv/dist/2020',
      '@nx/devkit/testing',
    ]);
    expect(packageOf('@nx/devkit/testing')).toBe('@nx/devkit');
    expect(packageOf('ajv/dist/runtime/equal')).toBe('ajv');
  });
});
