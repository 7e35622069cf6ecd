import { ts } from 'ts-morph';
import type { MetricFact } from '@deploy-plan/core';
import type { CodeBase } from './codebase';
import { argumentSites, knownStrings, valuesOf } from './evaluate';
import { calleeName, unwrap } from './scope';
import { propertyNameText } from './values';

const PROM_TYPES = new Map([
  ['Counter', 'counter'],
  ['Gauge', 'gauge'],
  ['Histogram', 'histogram'],
  ['Summary', 'summary'],
]);
const OTEL_TYPES = new Map([
  ['createCounter', 'counter'],
  ['createUpDownCounter', 'gauge'],
  ['createHistogram', 'histogram'],
  ['createGauge', 'gauge'],
  ['createObservableGauge', 'gauge'],
  ['createObservableCounter', 'counter'],
  ['createObservableUpDownCounter', 'gauge'],
]);
const PROM_PACKAGES = /^(prom-client|@promster\/|express-prom-bundle)/;

/**
 * Metrics created in code: prom-client `new Counter({ name })` (Gauge, Histogram, Summary) and
 * OpenTelemetry `meter.create*('name')`, including through the project's own helpers that pass
 * the name (or the options object) on: each caller's name is a metric at the caller's line.
 */
export function findMetrics(cb: CodeBase): MetricFact[] {
  const out: MetricFact[] = [];
  for (const module of cb.modules.values()) {
    for (const call of module.calls) {
      const name = calleeName(call);
      if (!name) continue;
      if (ts.isNewExpression(call) && PROM_TYPES.has(name)) {
        cb.guard(call, () => out.push(...promMetrics(cb, call, PROM_TYPES.get(name)!)), undefined);
      } else if (
        ts.isCallExpression(call) &&
        OTEL_TYPES.has(name) &&
        ts.isPropertyAccessExpression(unwrap(call.expression))
      ) {
        cb.guard(call, () => out.push(...otelMetrics(cb, call, OTEL_TYPES.get(name)!)), undefined);
      }
    }
  }
  return out;
}

function promMetrics(cb: CodeBase, call: ts.NewExpression, type: string): MetricFact[] {
  const origins = valuesOf(cb).of(unwrap(call.expression));
  if (origins.length && !origins.some((v) => v.kind === 'external' && PROM_PACKAGES.test(v.module))) return [];
  const out: MetricFact[] = [];
  for (const site of argumentSites(cb, call.arguments?.[0])) {
    for (const v of valuesOf(cb).of(site.expr, site.frame)) {
      if (v.kind !== 'node' || !ts.isObjectLiteralExpression(v.node)) continue;
      const nameProp = v.node.properties.find((p) => propertyNameText(p.name) === 'name');
      const init =
        nameProp && ts.isPropertyAssignment(nameProp)
          ? nameProp.initializer
          : nameProp && ts.isShorthandPropertyAssignment(nameProp)
            ? nameProp.name
            : undefined;
      // A literal in the call reports at the call; a helper's caller at its own object.
      const at = isInside(v.node, call) ? call : v.node;
      for (const arg of argumentSites(cb, init)) {
        for (const s of knownStrings(cb, arg.expr, arg.frame ?? v.frame))
          out.push({ name: s.text, type, ...cb.site(at) });
      }
    }
  }
  return out;
}

function otelMetrics(cb: CodeBase, call: ts.CallExpression, type: string): MetricFact[] {
  const out: MetricFact[] = [];
  for (const site of argumentSites(cb, call.arguments[0])) {
    for (const s of knownStrings(cb, site.expr, site.frame)) {
      const at = site.expr === unwrap(call.arguments[0]) ? call : site.expr;
      out.push({ name: s.text, type, ...cb.site(at) });
    }
  }
  return out;
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  return node.getSourceFile() === container.getSourceFile() && node.pos >= container.pos && node.end <= container.end;
}
