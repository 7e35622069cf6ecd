import { ts } from 'ts-morph';
import type { CodeBase, ModuleInfo } from './codebase';

/** What an identifier refers to. */
export type Declaration =
  /** A variable with its initializer (may be undefined). */
  | { kind: 'variable'; node: ts.VariableDeclaration; init?: ts.Expression; module: ModuleInfo }
  | { kind: 'function'; node: ts.FunctionDeclaration; module: ModuleInfo }
  | { kind: 'class'; node: ts.ClassDeclaration; module: ModuleInfo }
  | { kind: 'enum'; node: ts.EnumDeclaration; module: ModuleInfo }
  | { kind: 'expression'; node: ts.Expression; module: ModuleInfo }
  | { kind: 'parameter'; node: ts.ParameterDeclaration; fn: ts.SignatureDeclaration; index: number; module: ModuleInfo }
  /** An import from a package outside the workspace (`express`, `pg`, ...). */
  | { kind: 'external'; module: string; imported: string };

function declarationIn(statements: readonly ts.Statement[], name: string): ts.VariableDeclaration | ts.FunctionDeclaration | ts.ClassDeclaration | ts.EnumDeclaration | undefined {
  for (const stmt of statements) {
    if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) return d;
    } else if ((ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt) || ts.isEnumDeclaration(stmt)) && stmt.name?.text === name) return stmt;
  }
  return undefined;
}

function fromBinding(cb: CodeBase, module: ModuleInfo, name: string): Declaration | undefined {
  const found = cb.resolveName(module, name);
  if (!found) return undefined;
  const { binding } = found;
  switch (binding.kind) {
    case 'import':
      return { kind: 'external', module: binding.module, imported: binding.imported };
    case 'value':
      return { kind: 'variable', node: binding.node, init: binding.node.initializer, module: found.module };
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

/**
 * Finds what `id` refers to by walking out through the enclosing blocks and functions to the
 * module, then through imports into other modules of the workspace. Syntactic: no checker.
 */
export function lookup(cb: CodeBase, id: ts.Identifier): Declaration | undefined {
  const name = id.text;
  const module = cb.moduleOf(id);
  for (let node: ts.Node | undefined = id.parent; node; node = node.parent) {
    if (ts.isSourceFile(node)) break;
    if (ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
      const decl = declarationIn(node.statements, name);
      if (decl) {
        if (ts.isVariableDeclaration(decl)) return { kind: 'variable', node: decl, init: decl.initializer, module };
        if (ts.isFunctionDeclaration(decl)) return { kind: 'function', node: decl, module };
        if (ts.isClassDeclaration(decl)) return { kind: 'class', node: decl, module };
        return { kind: 'enum', node: decl, module };
      }
    }
    if (ts.isFunctionLike(node)) {
      const index = node.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === name);
      if (index >= 0) return { kind: 'parameter', node: node.parameters[index], fn: node, index, module };
    }
    if ((ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isForStatement(node)) && node.initializer && ts.isVariableDeclarationList(node.initializer)) {
      for (const d of node.initializer.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) return { kind: 'variable', node: d, module };
    }
  }
  return fromBinding(cb, module, name);
}

/** Looks a top-level name of a module up (for names known by their module, not by a node). */
export function lookupInModule(cb: CodeBase, module: ModuleInfo, name: string): Declaration | undefined {
  return fromBinding(cb, module, name);
}

/** Strips parentheses, `as`, `satisfies`, `!` and `await` around an expression. */
export function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
    else return e;
  }
}

/** The function an expression denotes: an inline function, or a name bound to one. */
export function functionOf(cb: CodeBase, expr: ts.Expression | undefined, depth = 0): ts.FunctionLikeDeclaration | undefined {
  if (!expr || depth > 5) return undefined;
  const e = unwrap(expr);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return e;
  if (ts.isIdentifier(e)) {
    const d = lookup(cb, e);
    if (d?.kind === 'function') return d.node;
    if (d?.kind === 'variable' && d.init) return functionOf(cb, d.init, depth + 1);
    if (d?.kind === 'expression') return functionOf(cb, d.node, depth + 1);
  }
  if (ts.isCallExpression(e)) {
    // fp(plugin), asyncHandler(fn), withAuth(handler): look through one wrapper to its function argument.
    for (const arg of e.arguments) {
      const fn = functionOf(cb, arg, depth + 1);
      if (fn) return fn;
    }
  }
  return undefined;
}

/** The callee's name as written: `app.get` -> `get`, `Router()` -> `Router`. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** Where a callee comes from when it is imported from an outside package: `{ module, imported }`. */
export function calleeOrigin(cb: CodeBase, call: ts.CallExpression | ts.NewExpression): { module: string; imported: string } | undefined {
  let e = call.expression;
  // express.Router(), prom.Counter, client.getBooleanValue: look at the object's origin.
  const member = ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
  if (ts.isPropertyAccessExpression(e)) e = e.expression;
  if (!ts.isIdentifier(e)) return undefined;
  const d = lookup(cb, e);
  if (d?.kind !== 'external') return undefined;
  return { module: d.module, imported: member && (d.imported === '*' || d.imported === 'default') ? member : d.imported };
}
