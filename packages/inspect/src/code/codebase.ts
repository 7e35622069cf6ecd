import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { InspectionFailure } from '@deploy-plan/core';
import { posix } from '../files/read';
import { isModeledPackage } from './libraries';
import { sourceFilesOf, MAX_SOURCE_FILES } from './sources';
import type { WorkspaceResolver } from './workspace';

/** A top-level binding of a module: what a name in it refers to. */
export type Binding =
  | { kind: 'import'; module: string; imported: string; node: ts.Node }
  | { kind: 'value'; node: ts.VariableDeclaration }
  /** `export default <expr>`, `module.exports = <expr>`, `exports.x = <expr>`. */
  | { kind: 'expression'; node: ts.Expression }
  | { kind: 'function'; node: ts.FunctionDeclaration }
  | { kind: 'class'; node: ts.ClassDeclaration }
  | { kind: 'enum'; node: ts.EnumDeclaration };

export type Call = ts.CallExpression | ts.NewExpression;

/** One parsed module and what it declares, imports and exports. */
export interface ModuleInfo {
  file: string;
  /** Workspace-relative POSIX path, for facts. */
  rel: string;
  source: ts.SourceFile;
  bindings: Map<string, Binding>;
  /** Exported name -> local name, or a re-export. */
  exports: Map<string, { local: string } | { module: string; imported: string }>;
  /** `export * from '...'` modules. */
  starExports: string[];
  /** Every call and `new` expression, in source order (the analyses' raw material). */
  calls: Call[];
  /** Every class with decorators (NestJS, routing-controllers). */
  classes: ts.ClassDeclaration[];
  /** Every class that extends another (to find a base class's subclasses). */
  subclasses: ts.ClassLikeDeclaration[];
  /** Every `process.env.X` / `process.env[x]` / `import.meta.env.X` access, and destructuring of one. */
  envAccesses: ts.Node[];
  /** Every other use of `process.env` / `import.meta.env` itself (passed on, aliased, spread). */
  envObjects: ts.Expression[];
}

/** Where a node sits, 1-based. */
export interface Site {
  file: string;
  line: number;
  column: number;
}

const hasModifier = (node: ts.Node, kind: ts.SyntaxKind) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
const isExported = (node: ts.Node) => hasModifier(node, ts.SyntaxKind.ExportKeyword);
const isDefaultExport = (node: ts.Node) => hasModifier(node, ts.SyntaxKind.DefaultKeyword);

/** `require('x')` -> `'x'`. */
export function requiredModule(expr: ts.Expression | undefined): string | undefined {
  if (!expr || !ts.isCallExpression(expr) || !ts.isIdentifier(expr.expression)) return undefined;
  if (expr.expression.text !== 'require') return undefined;
  const [arg] = expr.arguments;
  return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
}

function indexImport(info: ModuleInfo, stmt: ts.ImportDeclaration): void {
  if (!ts.isStringLiteral(stmt.moduleSpecifier)) return;
  const module = stmt.moduleSpecifier.text;
  const clause = stmt.importClause;
  if (clause?.name)
    info.bindings.set(clause.name.text, { kind: 'import', module, imported: 'default', node: clause.name });
  const named = clause?.namedBindings;
  if (named && ts.isNamespaceImport(named)) {
    info.bindings.set(named.name.text, { kind: 'import', module, imported: '*', node: named });
  } else if (named) {
    for (const el of named.elements) {
      const imported = (el.propertyName ?? el.name).text;
      info.bindings.set(el.name.text, { kind: 'import', module, imported, node: el });
    }
  }
}

function indexVariables(info: ModuleInfo, stmt: ts.VariableStatement): void {
  for (const decl of stmt.declarationList.declarations) {
    const required = requiredModule(decl.initializer && unwrapParens(decl.initializer));
    if (ts.isIdentifier(decl.name)) {
      const name = decl.name.text;
      info.bindings.set(
        name,
        required ? { kind: 'import', module: required, imported: '*', node: decl } : { kind: 'value', node: decl },
      );
      if (isExported(stmt)) info.exports.set(name, { local: name });
    } else if (ts.isObjectBindingPattern(decl.name)) {
      for (const el of decl.name.elements) {
        if (!ts.isIdentifier(el.name)) continue;
        const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
        // const { Router } = require('express') is an import; other patterns are values (scope.ts).
        if (required) info.bindings.set(el.name.text, { kind: 'import', module: required, imported: key, node: el });
        else info.bindings.set(el.name.text, { kind: 'value', node: decl });
        if (isExported(stmt)) info.exports.set(el.name.text, { local: el.name.text });
      }
    }
  }
}

function indexExport(info: ModuleInfo, stmt: ts.ExportDeclaration): void {
  const module =
    stmt.moduleSpecifier && ts.isStringLiteral(stmt.moduleSpecifier) ? stmt.moduleSpecifier.text : undefined;
  if (!stmt.exportClause && module) info.starExports.push(module);
  else if (stmt.exportClause && ts.isNamedExports(stmt.exportClause)) {
    for (const el of stmt.exportClause.elements) {
      const local = (el.propertyName ?? el.name).text;
      info.exports.set(el.name.text, module ? { module, imported: local } : { local });
    }
  } else if (stmt.exportClause && ts.isNamespaceExport(stmt.exportClause) && module) {
    info.exports.set(stmt.exportClause.name.text, { module, imported: '*' });
  }
}

function indexStatement(info: ModuleInfo, stmt: ts.Statement): void {
  if (ts.isImportDeclaration(stmt)) indexImport(info, stmt);
  else if (ts.isImportEqualsDeclaration(stmt) && ts.isExternalModuleReference(stmt.moduleReference)) {
    const spec = stmt.moduleReference.expression;
    if (ts.isStringLiteral(spec))
      info.bindings.set(stmt.name.text, { kind: 'import', module: spec.text, imported: '*', node: stmt });
  } else if (ts.isVariableStatement(stmt)) indexVariables(info, stmt);
  else if (ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt)) {
    const local = stmt.name?.text ?? 'default';
    const binding = ts.isFunctionDeclaration(stmt)
      ? ({ kind: 'function', node: stmt } as const)
      : ({ kind: 'class', node: stmt } as const);
    info.bindings.set(local, binding);
    if (isExported(stmt)) info.exports.set(isDefaultExport(stmt) ? 'default' : local, { local });
  } else if (ts.isEnumDeclaration(stmt)) {
    info.bindings.set(stmt.name.text, { kind: 'enum', node: stmt });
    if (isExported(stmt)) info.exports.set(stmt.name.text, { local: stmt.name.text });
  } else if (ts.isExportDeclaration(stmt)) indexExport(info, stmt);
  else if (ts.isExportAssignment(stmt)) exportExpression(info, 'default', stmt.expression);
}

/** `export default x`, `module.exports = x`, `exports.name = x`. */
function exportExpression(info: ModuleInfo, name: string, expr: ts.Expression): void {
  if (ts.isIdentifier(expr) && expr.text !== name) info.exports.set(name, { local: expr.text });
  else {
    info.bindings.set(name, { kind: 'expression', node: expr });
    info.exports.set(name, { local: name });
  }
}

function isEnvObject(expr: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(expr) || expr.name.text !== 'env') return false;
  const base = expr.expression;
  return (ts.isIdentifier(base) && base.text === 'process') || ts.isMetaProperty(base);
}

/** Is `node` read through (`node.x`, `node[x]`) or destructured? Then it is an access, not an object use. */
function isAccessed(node: ts.Node): boolean {
  let n = node;
  while (
    n.parent &&
    (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent))
  )
    n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === n) return true;
  return ts.isVariableDeclaration(p) && ts.isObjectBindingPattern(p.name);
}

/** CommonJS exports: `module.exports = x`, `module.exports.y = x`, `exports.y = x`. */
function indexCommonJs(info: ModuleInfo, node: ts.BinaryExpression): void {
  const left = node.left;
  if (!ts.isPropertyAccessExpression(left)) return;
  const target = left.expression;
  if (ts.isIdentifier(target) && target.text === 'module' && left.name.text === 'exports') {
    exportExpression(info, 'default', node.right);
  } else if (ts.isIdentifier(target) && target.text === 'exports') {
    exportExpression(info, left.name.text, node.right);
  } else if (ts.isPropertyAccessExpression(target) && target.name.text === 'exports') {
    if (ts.isIdentifier(target.expression) && target.expression.text === 'module')
      exportExpression(info, left.name.text, node.right);
  }
}

/** Records what the analyses read from every node of a module (one walk, with an explicit stack). */
function indexNodes(info: ModuleInfo): void {
  const stack: ts.Node[] = [info.source];
  const children: ts.Node[] = [];
  const collect = (child: ts.Node) => {
    children.push(child);
  };
  while (stack.length) {
    const node = stack.pop()!;
    children.length = 0;
    ts.forEachChild(node, collect);
    // Pushed in reverse so that nodes are visited in source order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) info.calls.push(node);
    else if (ts.isClassLike(node)) {
      if (ts.isClassDeclaration(node) && (ts.getDecorators(node) ?? []).length) info.classes.push(node);
      if (node.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword)) info.subclasses.push(node);
    } else if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      if (isEnvObject(node.expression)) info.envAccesses.push(node);
      else if (isEnvObject(node) && !isAccessed(node)) info.envObjects.push(node);
    } else if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer) {
      if (isEnvObject(unwrapParens(node.initializer))) info.envAccesses.push(node);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      indexCommonJs(info, node);
    }
  }
}

function unwrapParens(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

function indexModule(file: string, rel: string, source: ts.SourceFile): ModuleInfo {
  const info: ModuleInfo = {
    file,
    rel,
    source,
    bindings: new Map(),
    exports: new Map(),
    starExports: [],
    calls: [],
    classes: [],
    subclasses: [],
    envAccesses: [],
    envObjects: [],
  };
  for (const stmt of source.statements) indexStatement(info, stmt);
  indexNodes(info);
  return info;
}

/** The first line of an error's message, for a finding. */
export function firstLine(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  return (text.split('\n')[0] || 'unknown error').slice(0, 200);
}

/**
 * The code of one project (and the workspace libraries it imports), parsed once with the
 * TypeScript compiler that ts-morph bundles, and indexed for the analyses. Files are added
 * explicitly (no tsconfig discovery, no dependency resolution by the compiler); everything is
 * syntactic: no type checker; names are resolved through each module's own imports and exports
 * (./values.ts). A file that cannot be parsed or indexed is recorded as a failure and left out;
 * the others are inspected.
 */
export class CodeBase {
  readonly modules = new Map<string, ModuleInfo>();
  readonly failures: InspectionFailure[] = [];
  /** Source files beyond the cap that were not read. */
  omitted = 0;
  private callIndex?: Map<string, Call[]>;

  constructor(
    readonly root: string,
    readonly projectDir: string,
    private readonly workspace: WorkspaceResolver,
    readFile: (file: string) => string | undefined,
    readonly fileLimit: number = MAX_SOURCE_FILES,
  ) {
    const queue = sourceFilesOf(projectDir);
    const seen = new Set(queue);
    // Follow imports into workspace libraries (path aliases, workspace packages, relative
    // imports that leave the project), so code behind a library wrapper is seen too.
    for (let i = 0; i < queue.length; i++) {
      if (i >= fileLimit) {
        this.omitted = queue.length - i;
        break;
      }
      const file = queue[i];
      const text = readFile(file);
      if (text === undefined) continue;
      const info = this.parseGuarded(file, text);
      if (!info) continue;
      this.modules.set(file, info);
      for (const spec of importedSpecifiers(info)) {
        const target = this.guard(file, () => this.resolveModule(spec, file), undefined);
        if (target && !seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
  }

  /** Parses and indexes one file; a file the parser itself cannot read is a `parse` failure. */
  private parseGuarded(file: string, text: string): ModuleInfo | undefined {
    let source: ts.SourceFile;
    try {
      source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, /* setParentNodes */ true, scriptKindOf(file));
    } catch (error) {
      const site = { file: posix(path.relative(this.root, file)), line: 1, column: 1 };
      this.failures.push({ ...site, message: firstLine(error), stage: 'parse' });
      return undefined;
    }
    return this.guard(file, () => indexModule(file, posix(path.relative(this.root, file)), source), undefined);
  }

  /**
   * Runs one piece of analysis; anything it throws becomes a failure at `where` (a node or a
   * file) and the fallback is used, so one odd file never costs the others their facts.
   */
  guard<T>(where: ts.Node | string, work: () => T, fallback: T): T {
    try {
      return work();
    } catch (error) {
      this.fail(where, error);
      return fallback;
    }
  }

  fail(where: ts.Node | string, error: unknown): void {
    const site =
      typeof where === 'string'
        ? { file: posix(path.relative(this.root, where)), line: 1, column: 1 }
        : this.safeSite(where);
    const message = firstLine(error);
    if (this.failures.some((f) => f.file === site.file && f.message === message)) return;
    this.failures.push({ ...site, message });
  }

  private safeSite(node: ts.Node): Site {
    try {
      return this.site(node);
    } catch {
      return {
        file: posix(path.relative(this.root, node.getSourceFile?.()?.fileName ?? this.projectDir)),
        line: 1,
        column: 1,
      };
    }
  }

  /** The file an import specifier points at, when it is code in this workspace. */
  resolveModule(specifier: string, fromFile: string): string | undefined {
    return this.workspace.resolve(specifier, fromFile);
  }

  /** The package a file belongs to (see WorkspaceResolver.packageOf). */
  packageOf(file: string): string | undefined {
    return this.workspace.packageOf(file);
  }

  /**
   * The modeled library (libraries.ts) an import specifier denotes when its source is in this
   * repository, outside the project (a framework's own samples import its source), or has no
   * source here at all (a library's examples importing its build output).
   */
  libraryOf(specifier: string, fromFile: string, target: string | undefined): string | undefined {
    const relative = specifier.startsWith('.');
    if (!relative && !target) return undefined;
    const where = target ?? path.resolve(path.dirname(fromFile), specifier, 'index.js');
    if (!path.relative(this.projectDir, where).startsWith('..')) return undefined;
    const owner = this.packageOf(where);
    if (!owner || !isModeledPackage(owner)) return undefined;
    return relative ? owner : specifier;
  }

  module(file: string): ModuleInfo | undefined {
    return this.modules.get(file);
  }

  /** The module that owns a node. */
  moduleOf(node: ts.Node): ModuleInfo {
    const info = this.modules.get(node.getSourceFile().fileName);
    if (!info) throw new Error(`no module for ${node.getSourceFile().fileName}`);
    return info;
  }

  /** Calls and `new` expressions whose callee's last name is `name` (`f()`, `x.f()`, `new f()`). */
  callsNamed(name: string): readonly Call[] {
    if (!this.callIndex) {
      this.callIndex = new Map();
      for (const module of this.modules.values()) {
        for (const call of module.calls) {
          const callee = calleeNameOf(call);
          if (callee === undefined) continue;
          const list = this.callIndex.get(callee);
          if (list) list.push(call);
          else this.callIndex.set(callee, [call]);
        }
      }
    }
    return this.callIndex.get(name) ?? [];
  }

  /** Follows an export of `file` named `name` (through re-exports) to its module and local name. */
  resolveExport(file: string, name: string, depth = 0): { module: ModuleInfo; local: string } | undefined {
    const info = this.modules.get(file);
    if (!info || depth > 10) return undefined;
    const e = info.exports.get(name);
    if (e && 'local' in e) return { module: info, local: e.local };
    if (e && 'module' in e) {
      const target = this.resolveModule(e.module, file);
      // export * as name from './m': the whole module, as `local: '*'`.
      if (target && e.imported === '*')
        return this.modules.has(target) ? { module: this.modules.get(target)!, local: '*' } : undefined;
      return target ? this.resolveExport(target, e.imported, depth + 1) : undefined;
    }
    if (name === 'default') return undefined;
    for (const star of info.starExports) {
      const target = this.resolveModule(star, file);
      const found = target ? this.resolveExport(target, name, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /**
   * What a top-level name of a module finally refers to: a local binding (following imports
   * into other modules of the workspace), or an import from an outside package.
   */
  resolveName(info: ModuleInfo, name: string, depth = 0): { module: ModuleInfo; binding: Binding } | undefined {
    const binding = info.bindings.get(name);
    if (!binding || depth > 10) return undefined;
    if (binding.kind !== 'import') return { module: info, binding };
    const target = this.resolveModule(binding.module, info.file);
    if (!target || binding.imported === '*' || this.libraryOf(binding.module, info.file, target))
      return { module: info, binding };
    const exported = this.resolveExport(target, binding.imported);
    if (!exported || exported.local === '*') return { module: info, binding };
    return this.resolveName(exported.module, exported.local, depth + 1) ?? { module: info, binding };
  }

  site(node: ts.Node): Site {
    const sf = node.getSourceFile();
    const pos = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    const file = this.modules.get(sf.fileName)?.rel ?? posix(path.relative(this.root, sf.fileName));
    return { file, line: pos.line + 1, column: pos.character + 1 };
  }
}

/** The import specifiers a module depends on (imports, re-exports, `export *`). */
function importedSpecifiers(info: ModuleInfo): Set<string> {
  const specs = new Set<string>();
  for (const b of info.bindings.values()) if (b.kind === 'import') specs.add(b.module);
  for (const e of info.exports.values()) if ('module' in e) specs.add(e.module);
  for (const m of info.starExports) specs.add(m);
  // require() and import() anywhere in the module (CommonJS apps require routers inside functions).
  for (const call of info.calls) {
    if (!ts.isCallExpression(call)) continue;
    const spec = requiredModule(call) ?? dynamicImport(call);
    if (spec) specs.add(spec);
  }
  return specs;
}

/** `import('x')` -> `'x'`. */
export function dynamicImport(call: ts.CallExpression): string | undefined {
  if (call.expression.kind !== ts.SyntaxKind.ImportKeyword) return undefined;
  const [arg] = call.arguments;
  return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
}

/** The callee's last name: `app.get` -> `get`, `Router()` -> `Router`, `new a.B()` -> `B`. */
export function calleeNameOf(call: Call): string | undefined {
  let e: ts.Expression = call.expression;
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  return undefined;
}

export function scriptKindOf(file: string): ts.ScriptKind {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (file.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(file)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}
