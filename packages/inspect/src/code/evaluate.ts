import { ts } from 'ts-morph';
import type { Confidence } from '@deploy-plan/core';
import type { CodeBase } from './codebase';
import { lookup, unwrap } from './scope';

/** A string worked out from code; env-derived and unknown parts are marked, never guessed. */
export interface StringValue {
  /** The text, with `${env:NAME}` for environment parts and `${?}` for unknown ones. */
  text: string;
  confidence: Confidence;
}

const ORDER: Confidence[] = ['literal', 'resolved', 'env-derived', 'dynamic'];
const worst = (a: Confidence, b: Confidence): Confidence => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);
const raise = (c: Confidence): Confidence => (c === 'literal' ? 'resolved' : c);
const dynamic = (): StringValue => ({ text: '${?}', confidence: 'dynamic' });

/** `process.env.X`, `process.env['X']`, `import.meta.env.X`: the variable name, else undefined. */
export function envName(cb: CodeBase, expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e)) return undefined;
  const target = e.expression;
  if (!ts.isPropertyAccessExpression(target) || target.name.text !== 'env') return undefined;
  const base = target.expression;
  if (!((ts.isIdentifier(base) && base.text === 'process') || ts.isMetaProperty(base))) return undefined;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  const key = evaluateString(cb, e.argumentExpression);
  return key && key.confidence !== 'dynamic' && key.confidence !== 'env-derived' ? key.text : undefined;
}

/** The initializer of `Obj.key` / `Enum.Member` / `Obj['key']`, when Obj is an object literal or enum. */
export function memberInitializer(cb: CodeBase, e: ts.PropertyAccessExpression | ts.ElementAccessExpression, depth = 0): ts.Expression | undefined {
  if (depth > 8) return undefined;
  const key = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : undefined;
  if (key === undefined) return undefined;
  const object = unwrap(e.expression);
  let container: ts.Node | undefined;
  if (ts.isIdentifier(object)) {
    const d = lookup(cb, object);
    if (d?.kind === 'enum') {
      const member = d.node.members.find((m) => (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) && m.name.text === key);
      return member?.initializer ?? (member ? ts.factory.createStringLiteral(String(d.node.members.indexOf(member))) : undefined);
    }
    if (d?.kind === 'variable' && d.init) container = unwrap(d.init);
  } else if (ts.isPropertyAccessExpression(object) || ts.isElementAccessExpression(object)) {
    const inner = memberInitializer(cb, object, depth + 1);
    container = inner && unwrap(inner);
  }
  if (container && ts.isObjectLiteralExpression(container)) {
    for (const p of container.properties) {
      if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === key) return p.initializer;
      if (ts.isShorthandPropertyAssignment(p) && p.name.text === key) return p.name;
    }
  }
  return undefined;
}

/**
 * Works out the string an expression produces: literals, template literals, `+`, constants,
 * enums and `as const` objects across imports. `process.env` parts are `${env:NAME}` with
 * confidence `env-derived`; anything else unknown is `${?}` with confidence `dynamic`.
 */
export function evaluateString(cb: CodeBase, expr: ts.Expression | undefined, depth = 0): StringValue {
  if (!expr || depth > 12) return dynamic();
  const e = unwrap(expr);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { text: e.text, confidence: 'literal' };
  if (ts.isNumericLiteral(e)) return { text: e.text, confidence: 'literal' };
  if (ts.isTemplateExpression(e)) {
    let text = e.head.text;
    let confidence: Confidence = 'resolved';
    for (const span of e.templateSpans) {
      const part = evaluateString(cb, span.expression, depth + 1);
      text += part.text + span.literal.text;
      confidence = worst(confidence, raise(part.confidence));
    }
    return { text, confidence };
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken) {
      const a = evaluateString(cb, e.left, depth + 1);
      const b = evaluateString(cb, e.right, depth + 1);
      return { text: a.text + b.text, confidence: worst(raise(a.confidence), raise(b.confidence)) };
    }
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
      // PREFIX ?? '/api': the value comes from the environment when set; say so.
      const left = evaluateString(cb, e.left, depth + 1);
      if (left.confidence === 'env-derived') return left;
      return { text: left.text, confidence: worst(left.confidence, 'dynamic') };
    }
  }
  const env = envName(cb, e);
  if (env) return { text: `\${env:${env}}`, confidence: 'env-derived' };
  if (ts.isIdentifier(e)) {
    const d = lookup(cb, e);
    if (d?.kind === 'variable' && d.init && ts.isVariableDeclarationList(d.node.parent) && (d.node.parent.flags & ts.NodeFlags.Const) !== 0) {
      const value = evaluateString(cb, d.init, depth + 1);
      return { text: value.text, confidence: raise(value.confidence) };
    }
    if (d?.kind === 'expression') return evaluateString(cb, d.node, depth + 1);
    return dynamic();
  }
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const init = memberInitializer(cb, e);
    if (init) {
      const value = evaluateString(cb, init, depth + 1);
      return { text: value.text, confidence: raise(value.confidence) };
    }
  }
  return dynamic();
}

/** The string if it is fully known (literal or resolved), else undefined. */
export function knownString(cb: CodeBase, expr: ts.Expression | undefined): string | undefined {
  const v = evaluateString(cb, expr);
  return v.confidence === 'literal' || v.confidence === 'resolved' ? v.text : undefined;
}

/** Joins URL path parts: `/api/` + `/v1` + `orders` -> `/api/v1/orders`. */
export function joinPaths(...parts: string[]): string {
  const joined = parts
    .filter((p) => p !== '' && p !== '/')
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}
