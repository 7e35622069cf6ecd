import { ts } from 'ts-morph';
import type { Call, CodeBase, ModuleInfo } from './codebase';

/** A step from a destructured value to one name: `{ a: { b } }` -> [a, b]; `[x, y]` -> [1] for y. */
export type BindingStep = { property: string } | { index: number };

/** What an identifier refers to. */
export type Declaration =
  /** A variable with its initializer (may be undefined); `path` when it is destructured. */
  | { kind: 'variable'; node: ts.VariableDeclaration; init?: ts.Expression; path: BindingStep[]; module: ModuleInfo }
  /** `for (const x of list)`: each element of `of`. */
  | { kind: 'loop'; node: ts.VariableDeclaration; of: ts.Expression; path: BindingStep[]; module: ModuleInfo }
  | { kind: 'function'; node: ts.FunctionDeclaration; module: ModuleInfo }
  | { kind: 'class'; node: ts.ClassDeclaration; module: ModuleInfo }
  | { kind: 'enum'; node: ts.EnumDeclaration; module: ModuleInfo }
  | { kind: 'expression'; node: ts.Expression; module: ModuleInfo }
  /**
   * A parameter: `index` is the argument it takes (a rest parameter takes those from `index`
   * on), `path` the steps into that argument when the parameter is destructured.
   */
  | {
      kind: 'parameter';
      node: ts.ParameterDeclaration;
      fn: ts.SignatureDeclaration;
      index: number;
      path: BindingStep[];
      module: ModuleInfo;
      /** Set for one element of a destructured rest parameter (`...[router, tenant]`). */
      restElement?: boolean;
    }
  /** A `catch (e)` variable or anything else with no value we can follow. */
  | { kind: 'opaque'; node: ts.Node; module: ModuleInfo }
  /** An import from a package outside the workspace (`express`, `pg`, ...). */
  | { kind: 'external'; module: string; imported: string }
  /** `import * as m from './local'`: a module of the workspace. */
  | { kind: 'namespace'; module: ModuleInfo }
  /** A name a workspace module exports another way: `const { X } = require('./m')` of `module.exports = { X }`. */
  | { kind: 'imported'; module: ModuleInfo; name: string };

type Named = ts.VariableDeclaration | ts.FunctionDeclaration | ts.ClassDeclaration | ts.EnumDeclaration;

/** The name's declaration in a binding name (identifier or pattern), with the steps to it. */
export function findInBindingName(name: ts.BindingName, wanted: string): BindingStep[] | undefined {
  if (ts.isIdentifier(name)) return name.text === wanted ? [] : undefined;
  const elements = name.elements;
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i];
    if (ts.isOmittedExpression(el)) continue;
    const inner = findInBindingName(el.name, wanted);
    if (!inner) continue;
    if (ts.isArrayBindingPattern(name)) return el.dotDotDotToken ? undefined : [{ index: i }, ...inner];
    if (el.dotDotDotToken) return undefined;
    const key = el.propertyName ?? el.name;
    const property = ts.isIdentifier(key) || ts.isStringLiteral(key) || ts.isNumericLiteral(key) ? key.text : undefined;
    return property === undefined ? undefined : [{ property }, ...inner];
  }
  return undefined;
}

/** Names declared directly in a block, built once per block (name lookups stay linear). */
const blockTables = new WeakMap<ts.Node, Map<string, Named>>();

function tableOf(statements: readonly ts.Statement[], owner: ts.Node): Map<string, Named> {
  let table = blockTables.get(owner);
  if (table) return table;
  table = new Map();
  const add = (name: string, node: Named) => {
    if (!table.has(name)) table.set(name, node);
  };
  for (const stmt of statements) {
    if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) for (const n of boundNames(d.name)) add(n, d);
    } else if (ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt) || ts.isEnumDeclaration(stmt)) {
      if (stmt.name) add(stmt.name.text, stmt);
    }
  }
  blockTables.set(owner, table);
  return table;
}

/** Every name a binding name declares. */
export function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  const stack: ts.BindingName[] = [name];
  while (stack.length) {
    const n = stack.pop()!;
    if (ts.isIdentifier(n)) out.push(n.text);
    else for (const el of n.elements) if (!ts.isOmittedExpression(el)) stack.push(el.name);
  }
  return out;
}

function declared(node: Named, name: string, module: ModuleInfo): Declaration {
  if (ts.isVariableDeclaration(node)) return variable(node, name, module);
  if (ts.isFunctionDeclaration(node)) return { kind: 'function', node, module };
  if (ts.isClassDeclaration(node)) return { kind: 'class', node, module };
  return { kind: 'enum', node, module };
}

function variable(node: ts.VariableDeclaration, name: string, module: ModuleInfo): Declaration {
  const path = findInBindingName(node.name, name) ?? [];
  const loop = node.parent?.parent;
  if (loop && ts.isForOfStatement(loop) && loop.initializer === node.parent) {
    return { kind: 'loop', node, of: loop.expression, path, module };
  }
  return { kind: 'variable', node, init: node.initializer, path, module };
}

function parameterOf(fn: ts.SignatureDeclaration, name: string, module: ModuleInfo): Declaration | undefined {
  const params = fn.parameters;
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    const path = findInBindingName(p.name, name);
    if (!path) continue;
    // `...[router, tenant]`: a rest parameter destructured as an array takes arguments i, i+1, ...
    if (p.dotDotDotToken && path.length && 'index' in path[0]) {
      return {
        kind: 'parameter',
        node: p,
        fn,
        index: i + path[0].index,
        path: path.slice(1),
        module,
        restElement: true,
      };
    }
    if (p.dotDotDotToken) return { kind: 'opaque', node: p, module };
    return { kind: 'parameter', node: p, fn, index: i, path, module };
  }
  return undefined;
}

function fromBinding(cb: CodeBase, module: ModuleInfo, name: string): Declaration | undefined {
  const found = cb.resolveName(module, name);
  if (!found) return undefined;
  const { binding } = found;
  switch (binding.kind) {
    case 'import': {
      const target = cb.resolveModule(binding.module, found.module.file);
      const library = cb.libraryOf(binding.module, found.module.file, target);
      if (library) return { kind: 'external', module: library, imported: binding.imported };
      const local = target ? cb.module(target) : undefined;
      // const x = require('./m'): module.exports, which values.ts works out from the call.
      if (local && binding.imported === '*' && ts.isVariableDeclaration(binding.node))
        return variable(binding.node, name, found.module);
      if (local && binding.imported === '*') return { kind: 'namespace', module: local };
      if (local) return { kind: 'imported', module: local, name: binding.imported };
      // A workspace module that could not be read: unknown.
      if (target) return undefined;

      return { kind: 'external', module: binding.module, imported: binding.imported };
    }
    case 'value':
      return variable(binding.node, ts.isIdentifier(binding.node.name) ? binding.node.name.text : name, found.module);
    case 'function':
      return { kind: 'function', node: binding.node, module: found.module };
    case 'class':
      return { kind: 'class', node: binding.node, module: found.module };
    case 'enum':
      return { kind: 'enum', node: binding.node, module: found.module };
    case 'expression':
      return { kind: 'expression', node: binding.node, module: found.module };
  }
}

function blockStatements(node: ts.Node): readonly ts.Statement[] | undefined {
  if (ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node))
    return node.statements;
  return undefined;
}

function loopVariable(node: ts.Node, name: string, module: ModuleInfo): Declaration | undefined {
  if (!(ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isForStatement(node))) return undefined;
  const init = node.initializer;
  if (!init || !ts.isVariableDeclarationList(init)) return undefined;
  for (const d of init.declarations) {
    if (!findInBindingName(d.name, name)) continue;
    return ts.isForOfStatement(node) ? variable(d, name, module) : { kind: 'opaque', node: d, module };
  }
  return undefined;
}

/**
 * Finds what `id` refers to by walking out through the enclosing blocks and functions to the
 * module, then through imports into other modules of the workspace. Syntactic: no checker.
 */
export function lookup(cb: CodeBase, id: ts.Identifier): Declaration | undefined {
  const name = id.text;
  const module = cb.moduleOf(id);
  for (let node: ts.Node | undefined = id.parent; node; node = node.parent) {
    if (ts.isSourceFile(node)) break;
    const statements = blockStatements(node);
    if (statements) {
      const decl = tableOf(statements, node).get(name);
      if (decl) return declared(decl, name, module);
    }
    if (ts.isFunctionLike(node)) {
      const param = parameterOf(node, name, module);
      if (param) return param;
      // A named function expression sees its own name.
      if (ts.isFunctionExpression(node) && node.name?.text === name) return { kind: 'opaque', node, module };
    }
    const loop = loopVariable(node, name, module);
    if (loop) return loop;
    if (ts.isCatchClause(node) && node.variableDeclaration && findInBindingName(node.variableDeclaration.name, name)) {
      return { kind: 'opaque', node: node.variableDeclaration, module };
    }
  }
  return fromBinding(cb, module, name);
}

/** Looks a top-level name of a module up (for names known by their module, not by a node). */
export function lookupInModule(cb: CodeBase, module: ModuleInfo, name: string): Declaration | undefined {
  return fromBinding(cb, module, name);
}

/** Strips parentheses, `as`, `satisfies`, `!`, `<T>x` and `await` around an expression. */
export function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  for (;;) {
    if (
      ts.isParenthesizedExpression(e) ||
      ts.isAsExpression(e) ||
      ts.isSatisfiesExpression(e) ||
      ts.isNonNullExpression(e) ||
      ts.isTypeAssertionExpression(e) ||
      ts.isAwaitExpression(e)
    ) {
      e = e.expression;
    } else if (ts.isExpressionWithTypeArguments(e)) {
      e = e.expression;
    } else return e;
  }
}

/** The callee's name as written: `app.get` -> `get`, `Router()` -> `Router`. */
export function calleeName(call: Call): string | undefined {
  const e = unwrap(call.expression);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  return undefined;
}

/** The nearest enclosing node that passes `test`. */
export function findAncestor<T extends ts.Node>(node: ts.Node, test: (n: ts.Node) => n is T): T | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (test(n)) return n;
  return undefined;
}

/** The function (or method, accessor, constructor) whose body holds a node. */
export function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isSourceFile(n)) return undefined;
    if (isFunctionWithBody(n)) return n;
  }
  return undefined;
}

export function isFunctionWithBody(n: ts.Node): n is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(n) ||
    ts.isFunctionExpression(n) ||
    ts.isArrowFunction(n) ||
    ts.isMethodDeclaration(n) ||
    ts.isConstructorDeclaration(n) ||
    ts.isGetAccessorDeclaration(n) ||
    ts.isSetAccessorDeclaration(n)
  );
}

/** The class a node is in (for `this`), skipping arrow functions but not other functions. */
export function classOfThis(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) return n;
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return undefined;
  }
  return undefined;
}
