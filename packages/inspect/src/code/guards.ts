import { ts } from 'ts-morph';
import type { GuardClass } from '@deploy-plan/core';
import type { CodeBase } from './codebase';
import { functionOf, lookup, type Declaration } from './scope';

/** Operators a flag value passes through on its way to a decision. */
const PASS_THROUGH = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.QuestionQuestionToken,
]);

function sameDeclaration(a: Declaration | undefined, node: ts.Node): boolean {
  return Boolean(a && 'node' in a && a.node === node);
}

/** Uses of the variable declared by `decl` within its scope. */
function referencesOf(cb: CodeBase, decl: ts.VariableDeclaration): ts.Identifier[] {
  if (!ts.isIdentifier(decl.name)) return [];
  const name = decl.name.text;
  let scope: ts.Node = decl;
  while (scope.parent && !ts.isBlock(scope) && !ts.isSourceFile(scope) && !ts.isModuleBlock(scope)) scope = scope.parent;
  const out: ts.Identifier[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === name && n !== decl.name && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) && !(ts.isPropertyAssignment(n.parent) && n.parent.name === n)) {
      if (sameDeclaration(lookup(cb, n), decl)) out.push(n);
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return out;
}

/** Calls of a function anywhere in the code base. */
export function callsOf(cb: CodeBase, fn: ts.FunctionLikeDeclaration): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  for (const module of cb.modules.values()) {
    for (const call of module.calls) {
      if (ts.isCallExpression(call) && functionOf(cb, call.expression) === fn) out.push(call);
    }
  }
  return out;
}

/**
 * How the value read at `node` is used: `guards` when it decides what runs (if, ternary, `&&`
 * / `||`, loops, JSX conditionals, early returns), directly or through a const tested later or
 * a function whose callers test what it returns; `read-only` when it is only logged, passed on
 * or sent somewhere.
 */
export function classifyGuard(cb: CodeBase, node: ts.Node, depth = 0, seen = new Set<ts.Node>()): GuardClass {
  if (depth > 4 || seen.has(node)) return 'read-only';
  seen.add(node);
  let n: ts.Node = node;
  for (;;) {
    const p = n.parent;
    if (!p) return 'read-only';
    if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isAwaitExpression(p) || ts.isSatisfiesExpression(p)) {
      n = p;
      continue;
    }
    if (ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken) {
      n = p;
      continue;
    }
    if (ts.isPropertyAccessExpression(p) && p.expression === n && /^(on|enabled|value|off)$/.test(p.name.text)) {
      n = p; // gb.feature('x').on, details.value
      continue;
    }
    if (ts.isCallExpression(p) && p.expression === n) {
      n = p; // flags.isOn('x')()... or a `.then(...)` result
      continue;
    }
    if (ts.isCallExpression(p) && ts.isIdentifier(p.expression) && p.expression.text === 'Boolean') {
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
    if (ts.isIfStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p)) return p.expression === n ? 'guards' : 'read-only';
    if (ts.isForStatement(p)) return p.condition === n ? 'guards' : 'read-only';
    if (ts.isConditionalExpression(p)) return p.condition === n ? 'guards' : 'read-only';
    if (ts.isCaseClause(p) || ts.isSwitchStatement(p)) return 'guards';
    if (ts.isVariableDeclaration(p) && p.initializer === n) {
      return referencesOf(cb, p).some((ref) => classifyGuard(cb, ref, depth + 1, seen) === 'guards') ? 'guards' : 'read-only';
    }
    if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === n)) {
      // A guard function: it returns the flag, and its callers decide with it.
      const fn = ts.isArrowFunction(p) ? p : findFunction(p);
      if (!fn) return 'read-only';
      return callsOf(cb, fn).some((call) => classifyGuard(cb, call, depth + 1, seen) === 'guards') ? 'guards' : 'read-only';
    }
    return 'read-only';
  }
}

function findFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n)) return n;
  }
  return undefined;
}
