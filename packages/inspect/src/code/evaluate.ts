import { ts } from 'ts-morph';
import type { Confidence } from '@deploy-plan/core';
import type { CodeBase } from './codebase';
import { isFunctionWithBody, lookup, unwrap } from './scope';
import { nestConfigValues } from './config/nestjs-config';
import { Values, type Frame, type Value } from './values';

/** A string worked out from code; env-derived and unknown parts are marked, never guessed. */
export interface StringValue {
  /** The text, with `${env:NAME}` for environment parts and `${?}` for unknown ones. */
  text: string;
  confidence: Confidence;
  /** The node the text was read from (a literal at the call site, for helpers' callers). */
  node?: ts.Node;
}

const ORDER: Confidence[] = ['literal', 'resolved', 'env-derived', 'dynamic'];
export const worst = (a: Confidence, b: Confidence): Confidence => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);
const raise = (c: Confidence): Confidence => (c === 'literal' ? 'resolved' : c);
const DYNAMIC: StringValue = { text: '${?}', confidence: 'dynamic' };
const MAX_STRINGS = 16;

/** The value engine of a code base (one per CodeBase: its memo is the code base's). */
const engines = new WeakMap<CodeBase, Values>();
export function valuesOf(cb: CodeBase): Values {
  let engine = engines.get(cb);
  if (!engine) {
    engine = new Values(cb);
    engine.addCallResolver((values, call, frame) => nestConfigValues(cb, values, call, frame));
    engines.set(cb, engine);
  }
  return engine;
}

/** `process.env.X`, `process.env['X']`, `import.meta.env.X`, or an alias of process.env: the name. */
export function envName(cb: CodeBase, expr: ts.Expression, frame?: Frame): string | undefined {
  const e = unwrap(expr);
  if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e)) return undefined;
  for (const v of valuesOf(cb).of(e, frame)) if (v.kind === 'env' && v.name !== undefined) return v.name;
  return undefined;
}

/** Every string an expression may produce (a parameter fed by many callers gives many). */
export function evaluateStrings(
  cb: CodeBase,
  expr: ts.Expression | undefined,
  frame?: Frame,
  depth = 0,
): StringValue[] {
  if (!expr || depth > 12) return [DYNAMIC];
  const e = unwrap(expr);
  if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e)) return [{ text: e.text, confidence: 'literal', node: e }];
  if (ts.isTemplateExpression(e)) return templateStrings(cb, e, frame, depth);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken) {
      return combine(evaluateStrings(cb, e.left, frame, depth + 1), evaluateStrings(cb, e.right, frame, depth + 1));
    }
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
      // PREFIX ?? '/api': the value comes from the environment when set; say so.
      const left = evaluateStrings(cb, e.left, frame, depth + 1);
      if (left.some((l) => l.confidence === 'env-derived')) return left.filter((l) => l.confidence === 'env-derived');
      return left.map((l) => ({ ...l, confidence: worst(l.confidence, 'dynamic') }));
    }
  }
  const out: StringValue[] = [];
  for (const v of valuesOf(cb).of(e, frame)) {
    const s = stringOfValue(cb, v, depth);
    if (s) out.push(...s);
    if (out.length >= MAX_STRINGS) break;
  }
  return out.length ? out : [DYNAMIC];
}

/**
 * The strings a value stands for. A value that may be a string but is not worked out (a
 * parameter, a call into a package, an unknown alternative) is `${?}`, never left out: an
 * unresolved part of `${base}/api` must not leave `/api`.
 */
function stringOfValue(cb: CodeBase, v: Value, depth: number): StringValue[] | undefined {
  if (v.kind === 'env')
    return v.name ? [{ text: `\${env:${v.name}}`, confidence: 'env-derived', node: v.node }] : undefined;
  if (v.kind === 'module' || v.kind === 'instance' || v.kind === 'external') return undefined;
  if (v.kind !== 'node') return [DYNAMIC];
  const n = v.node;
  if (ts.isStringLiteralLike(n) || ts.isNumericLiteral(n)) return [{ text: n.text, confidence: 'resolved', node: n }];
  if (ts.isTemplateExpression(n) || ts.isBinaryExpression(n)) {
    return evaluateStrings(cb, n, v.frame, depth + 1).map((s) => ({ ...s, confidence: raise(s.confidence) }));
  }
  // Objects, arrays, functions, classes and booleans are not strings.
  return undefined;
}

function templateStrings(
  cb: CodeBase,
  e: ts.TemplateExpression,
  frame: Frame | undefined,
  depth: number,
): StringValue[] {
  let acc: StringValue[] = [{ text: e.head.text, confidence: 'resolved', node: e }];
  for (const span of e.templateSpans) {
    const parts = evaluateStrings(cb, span.expression, frame, depth + 1).map((p) => ({
      ...p,
      text: p.text + span.literal.text,
    }));
    acc = combine(acc, parts);
  }
  return acc.map((s) => ({ ...s, node: e }));
}

function combine(left: StringValue[], right: StringValue[]): StringValue[] {
  const out: StringValue[] = [];
  for (const a of left) {
    for (const b of right) {
      out.push({
        text: a.text + b.text,
        confidence: worst(raise(a.confidence), raise(b.confidence)),
        node: a.node ?? b.node,
      });
      if (out.length >= MAX_STRINGS) return out;
    }
  }
  return out;
}

/**
 * Works out the string an expression produces: literals, template literals, `+`, constants,
 * enums, `as const` objects and class fields across imports. `process.env` parts are
 * `${env:NAME}` with confidence `env-derived`; when several strings are possible or a part is
 * unknown, `${?}` with confidence `dynamic`.
 */
export function evaluateString(cb: CodeBase, expr: ts.Expression | undefined, frame?: Frame): StringValue {
  const all = evaluateStrings(cb, expr, frame);
  const texts = new Set(all.map((s) => s.text));
  if (texts.size === 1) return all.reduce((a, b) => ({ ...a, confidence: worst(a.confidence, b.confidence) }));
  return DYNAMIC;
}

/** The string if it is fully known (literal or resolved), else undefined. */
export function knownString(cb: CodeBase, expr: ts.Expression | undefined, frame?: Frame): string | undefined {
  const v = evaluateString(cb, expr, frame);
  return v.confidence === 'literal' || v.confidence === 'resolved' ? v.text : undefined;
}

/** Every fully known string an expression may produce, with the node each was read from. */
export function knownStrings(cb: CodeBase, expr: ts.Expression | undefined, frame?: Frame): StringValue[] {
  const seen = new Set<string>();
  return evaluateStrings(cb, expr, frame).filter((s) => {
    if (s.confidence !== 'literal' && s.confidence !== 'resolved') return false;
    const key = `${s.text}\u0000${s.node?.pos ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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

/** An expression and the frame it is read in. */
export interface SiteExpression {
  expr: ts.Expression;
  frame?: Frame;
}

/**
 * The expressions a parameter stands for at each call of its function (two hops at most):
 * `createCounter(opts) { new Counter(opts) }` called as `createCounter({ name: 'x' })` gives the
 * caller's object literal, so a helper's callers each report their own name at their own line.
 * Anything else is itself.
 */
export function argumentSites(cb: CodeBase, expr: ts.Expression | undefined, hops = 2): SiteExpression[] {
  if (!expr) return [];
  const e = unwrap(expr);
  if (!ts.isIdentifier(e) || hops === 0) return [{ expr: e }];
  const d = lookup(cb, e);
  if (d?.kind !== 'parameter' || d.path.length || d.node.dotDotDotToken || !isFunctionWithBody(d.fn))
    return [{ expr: e }];
  const callers = valuesOf(cb).callers(d.fn);
  if (!callers.length) return [{ expr: e }];
  return callers.flatMap((call) => {
    const arg = call.arguments?.[d.index];
    return arg ? argumentSites(cb, arg, hops - 1) : [];
  });
}
