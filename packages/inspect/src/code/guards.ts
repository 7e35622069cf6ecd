import { ts } from 'ts-morph';
import type { GuardClass } from '@deploy-plan/core';
import type { CodeBase } from './codebase';
import { valuesOf } from './evaluate';
import { isFunctionWithBody, lookup } from './scope';
import { forEachNode } from './values';

/** Operators a flag value passes through on its way to a decision. */
const PASS_THROUGH = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
]);

/** Uses of the variable declared by `decl` within its scope (and, for a module's own, in importers). */
function referencesOf(cb: CodeBase, decl: ts.VariableDeclaration): ts.Identifier[] {
  if (!ts.isIdentifier(decl.name)) return [];
  const name = decl.name.text;
  let scope: ts.Node = decl;
  while (scope.parent && !ts.isBlock(scope) && !ts.isSourceFile(scope) && !ts.isModuleBlock(scope))
    scope = scope.parent;
  const scopes = [scope];
  if (ts.isSourceFile(scope)) {
    // export const FEATURE_X = process.env.X === 'true', tested where it is imported.
    for (const module of cb.modules.values())
      if (module.source !== scope && module.source.text.includes(name)) scopes.push(module.source);
  }
  const out: ts.Identifier[] = [];
  for (const s of scopes) out.push(...referencesIn(cb, s, decl, name));
  return out;
}

function referencesIn(cb: CodeBase, scope: ts.Node, decl: ts.VariableDeclaration, name: string): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  forEachNode(scope, (n) => {
    if (!ts.isIdentifier(n) || n.text !== name || n === decl.name) return true;
    if (ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) return true;
    if (ts.isPropertyAssignment(n.parent) && n.parent.name === n) return true;
    if (ts.isImportSpecifier(n.parent) || ts.isExportSpecifier(n.parent)) return true;
    const d = lookup(cb, n);
    if (d && 'node' in d && d.node === decl) out.push(n);
    return true;
  });
  return out;
}

/** Calls of a function anywhere in the code base. */
export function callsOf(cb: CodeBase, fn: ts.FunctionLikeDeclaration): ts.CallExpression[] {
  return valuesOf(cb)
    .callers(fn)
    .filter((c): c is ts.CallExpression => ts.isCallExpression(c));
}

/**
 * How the value read at `node` is used: `guards` when it decides what runs (if, ternary, `&&`
 * / `||`, loops, switch, JSX conditionals, early returns), directly or through a const tested
 * later or a function whose callers test what it returns; `read-only` when it is only logged,
 * passed on or sent somewhere.
 */
export function classifyGuard(cb: CodeBase, node: ts.Node, depth = 0, seen = new Set<ts.Node>()): GuardClass {
  if (depth > 4 || seen.has(node)) return 'read-only';
  seen.add(node);
  let n: ts.Node = node;
  for (;;) {
    const p = n.parent;
    if (!p) return 'read-only';
    if (passesThrough(p, n)) {
      n = p;
      continue;
    }
    if (ts.isBinaryExpression(p)) {
      const op = p.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) return 'guards';
      if (PASS_THROUGH.has(op)) {
        n = p;
        continue;
      }
      return 'read-only';
    }
    if (ts.isIfStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p))
      return p.expression === n ? 'guards' : 'read-only';
    if (ts.isForStatement(p)) return p.condition === n ? 'guards' : 'read-only';
    if (ts.isConditionalExpression(p)) return p.condition === n ? 'guards' : 'read-only';
    if (ts.isCaseClause(p) || ts.isSwitchStatement(p)) return 'guards';
    if (ts.isVariableDeclaration(p) && p.initializer === n) {
      return referencesOf(cb, p).some((ref) => classifyGuard(cb, ref, depth + 1, seen) === 'guards')
        ? 'guards'
        : 'read-only';
    }
    if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === n)) {
      // A guard function: it returns the flag, and its callers decide with it.
      const fn = ts.isArrowFunction(p) ? p : findFunction(p);
      if (!fn) return 'read-only';
      return callsOf(cb, fn).some((call) => classifyGuard(cb, call, depth + 1, seen) === 'guards')
        ? 'guards'
        : 'read-only';
    }
    return 'read-only';
  }
}

/** Wrappers a value keeps its meaning through: parentheses, `!`, `await`, `.value`, `Boolean(x)`. */
function passesThrough(p: ts.Node, n: ts.Node): boolean {
  if (
    ts.isParenthesizedExpression(p) ||
    ts.isAsExpression(p) ||
    ts.isNonNullExpression(p) ||
    ts.isAwaitExpression(p) ||
    ts.isSatisfiesExpression(p)
  ) {
    return true;
  }
  if (ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken) return true;
  // gb.feature('x').on, details.value
  if (ts.isPropertyAccessExpression(p) && p.expression === n && /^(on|enabled|value|off)$/.test(p.name.text))
    return true;
  // flags.isOn('x')()... or a `.then(...)` result
  if (ts.isCallExpression(p) && p.expression === n) return true;
  if (ts.isCallExpression(p) && ts.isIdentifier(p.expression) && /^(Boolean|Number|String)$/.test(p.expression.text))
    return true;
  return false;
}

function findFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (isFunctionWithBody(n)) return n;
  return undefined;
}
