import { ts } from 'ts-morph';
import type { EnvFact, MetricFact } from '@deploy-plan/core';
import type { CodeBase } from './codebase';
import { envName, evaluateString, knownString } from './evaluate';
import { callsOf } from './guards';
import { calleeName, calleeOrigin, lookup, unwrap } from './scope';

function keysOf(cb: CodeBase, expr: ts.Expression | undefined, depth = 0): { name: string; node: ts.Node }[] {
  const e = expr && unwrap(expr);
  if (!e || depth > 6) return [];
  if (ts.isObjectLiteralExpression(e)) {
    return e.properties.flatMap((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [{ name: p.name.text, node: p.name as ts.Node }] : []));
  }
  if (ts.isIdentifier(e)) {
    const d = lookup(cb, e);
    if (d?.kind === 'variable' && d.init) return keysOf(cb, d.init, depth + 1);
  }
  if (ts.isCallExpression(e)) {
    // z.object({...}), z.object({...}).strict(), envalid spec helpers
    if (ts.isPropertyAccessExpression(e.expression) && ['object', 'strictObject', 'looseObject'].includes(e.expression.name.text)) return keysOf(cb, e.arguments[0], depth + 1);
    if (ts.isPropertyAccessExpression(e.expression)) return keysOf(cb, e.expression.expression, depth + 1);
  }
  return [];
}

/**
 * `function required(name) { return process.env[name] }`: the variable names are the arguments
 * its callers pass; each call is a read.
 */
function forwardedReads(cb: CodeBase, access: ts.Expression): EnvFact[] {
  if (!ts.isElementAccessExpression(access)) return [];
  const key = unwrap(access.argumentExpression);
  if (!ts.isIdentifier(key)) return [];
  const d = lookup(cb, key);
  if (d?.kind !== 'parameter' || !('body' in d.fn)) return [];
  const out: EnvFact[] = [];
  for (const call of callsOf(cb, d.fn as ts.FunctionLikeDeclaration)) {
    const name = knownString(cb, call.arguments[d.index]);
    if (name) out.push({ name, ...cb.site(call) });
  }
  return out;
}

const isProcessEnv = (e: ts.Expression | undefined) => {
  const x = e && unwrap(e);
  return Boolean(x && ts.isPropertyAccessExpression(x) && x.name.text === 'env' && ((ts.isIdentifier(x.expression) && x.expression.text === 'process') || ts.isMetaProperty(x.expression)));
};

/**
 * Environment variables read in code: `process.env.X`, `process.env['X']`, destructuring,
 * `import.meta.env.X`, envalid `cleanEnv(process.env, {...})`, zod schemas parsed from
 * `process.env`, and NestJS `ConfigService.get('X')`.
 */
export function findEnv(cb: CodeBase): EnvFact[] {
  const out: EnvFact[] = [];
  for (const module of cb.modules.values()) {
    for (const access of module.envAccesses) {
      if (ts.isVariableDeclaration(access) && ts.isObjectBindingPattern(access.name)) {
        for (const el of access.name.elements) {
          const id = (el.propertyName ?? el.name) as ts.Node;
          if (ts.isIdentifier(id)) out.push({ name: id.text, ...cb.site(el) });
        }
      } else {
        const name = envName(cb, access as ts.Expression);
        if (name) out.push({ name, ...cb.site(access) });
        else out.push(...forwardedReads(cb, access as ts.Expression));
      }
    }
    for (const call of module.calls) {
      if (!ts.isCallExpression(call)) continue;
      const name = calleeName(call);
      if (name === 'cleanEnv' && isProcessEnv(call.arguments[0])) {
        for (const key of keysOf(cb, call.arguments[1])) out.push({ name: key.name, ...cb.site(key.node) });
      } else if ((name === 'parse' || name === 'safeParse' || name === 'parseAsync') && isProcessEnv(call.arguments[0]) && ts.isPropertyAccessExpression(call.expression)) {
        for (const key of keysOf(cb, call.expression.expression)) out.push({ name: key.name, ...cb.site(key.node) });
      } else if ((name === 'get' || name === 'getOrThrow') && ts.isPropertyAccessExpression(call.expression)) {
        const receiver = call.expression.expression.getText(module.source);
        if (/config(Service)?$/i.test(receiver)) {
          const key = knownString(cb, call.arguments[0]);
          if (key && /^[A-Z][A-Z0-9_]*$/.test(key)) out.push({ name: key, ...cb.site(call) });
        }
      }
    }
  }
  return out;
}

const PROM_TYPES: Record<string, string> = { Counter: 'counter', Gauge: 'gauge', Histogram: 'histogram', Summary: 'summary' };
const OTEL_TYPES: Record<string, string> = {
  createCounter: 'counter',
  createUpDownCounter: 'gauge',
  createHistogram: 'histogram',
  createGauge: 'gauge',
  createObservableGauge: 'gauge',
  createObservableCounter: 'counter',
  createObservableUpDownCounter: 'gauge',
};

/** Metrics created in code: prom-client `new Counter({ name })` (and Gauge, Histogram, Summary), OpenTelemetry `meter.create*('name')`. */
export function findMetrics(cb: CodeBase): MetricFact[] {
  const out: MetricFact[] = [];
  for (const module of cb.modules.values()) {
    for (const call of module.calls) {
      const name = calleeName(call);
      if (!name) continue;
      if (ts.isNewExpression(call) && PROM_TYPES[name]) {
        const origin = calleeOrigin(cb, call);
        if (origin && origin.module !== 'prom-client') continue;
        const options = call.arguments?.[0] && unwrap(call.arguments[0]);
        if (!options || !ts.isObjectLiteralExpression(options)) continue;
        const nameProp = options.properties.find((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'name') as ts.PropertyAssignment | undefined;
        const value = nameProp && evaluateString(cb, nameProp.initializer);
        if (value && (value.confidence === 'literal' || value.confidence === 'resolved')) out.push({ name: value.text, type: PROM_TYPES[name], ...cb.site(call) });
      } else if (ts.isCallExpression(call) && OTEL_TYPES[name] && ts.isPropertyAccessExpression(call.expression)) {
        const metricName = knownString(cb, call.arguments[0]);
        if (metricName) out.push({ name: metricName, type: OTEL_TYPES[name], ...cb.site(call) });
      }
    }
  }
  return out;
}

export { envName };
