import { ts } from 'ts-morph';
import type { Confidence } from '@deploy-plan/core';
import { joinPaths, worst, type StringValue } from '../evaluate';
import { unwrap } from '../scope';
import { propertyOf, type RouteContext } from './context';
import { decoratorsOf, methodsWithInherited } from './decorators';
import { EMPTY, type FoundRoute } from './model';

const PACKAGES = new Set(['routing-controllers']);
const METHODS = new Map([
  ['Get', 'GET'],
  ['Post', 'POST'],
  ['Put', 'PUT'],
  ['Patch', 'PATCH'],
  ['Delete', 'DELETE'],
  ['Head', 'HEAD'],
  ['All', 'ALL'],
]);
const SERVERS = ['createExpressServer', 'useExpressServer', 'createKoaServer', 'useKoaServer', 'useContainer'];

/**
 * routing-controllers: `@Controller(prefix)` / `@JsonController(prefix)` classes with `@Get(route)`…
 * and `@Method('get', route)` methods (inherited ones included), under the `routePrefix` of
 * `createExpressServer` / `useExpressServer` / the Koa equivalents.
 */
export function routingControllersRoutes(ctx: RouteContext): FoundRoute[] {
  const prefixes = routePrefixes(ctx);
  const out: FoundRoute[] = [];
  for (const module of ctx.cb.modules.values()) {
    for (const cls of module.classes) {
      ctx.cb.guard(cls, () => out.push(...controllerRoutes(ctx, cls, prefixes)), undefined);
    }
  }
  return out;
}

function controllerRoutes(ctx: RouteContext, cls: ts.ClassDeclaration, prefixes: StringValue[]): FoundRoute[] {
  const ctrl = decoratorsOf(ctx, cls, PACKAGES).find((d) => d.name === 'Controller' || d.name === 'JsonController');
  if (!ctrl) return [];
  const ctrlPaths = ctrl.call.arguments[0] ? ctx.paths(ctrl.call.arguments[0]) : [EMPTY];
  const out: FoundRoute[] = [];
  for (const member of methodsWithInherited(ctx, cls)) {
    for (const d of decoratorsOf(ctx, member, PACKAGES)) {
      const method =
        METHODS.get(d.name) ?? (d.name === 'Method' ? ctx.strings(d.call.arguments[0])[0]?.toUpperCase() : undefined);
      if (!method) continue;
      const routeArg = d.name === 'Method' ? d.call.arguments[1] : d.call.arguments[0];
      const routePaths = routeArg ? ctx.paths(routeArg) : [EMPTY];
      for (const prefix of prefixes) {
        for (const ctrlPath of ctrlPaths) {
          for (const routePath of routePaths) {
            const parts = [prefix, ctrlPath, routePath];
            let confidence = parts.reduce<Confidence>((c, v) => worst(c, v.confidence), 'literal');
            const path = joinPaths(...parts.map((p) => p.text));
            if (confidence === 'literal' && path !== joinPaths(routePath.text)) confidence = 'resolved';
            out.push({
              method,
              path,
              confidence,
              framework: 'routing-controllers',
              site: ctx.cb.site(member),
              handler: member,
            });
          }
        }
      }
    }
  }
  return out;
}

/** The `routePrefix` of each server the project creates (none: served at the root). */
function routePrefixes(ctx: RouteContext): StringValue[] {
  const out: StringValue[] = [];
  for (const name of SERVERS) {
    for (const call of ctx.cb.callsNamed(name)) {
      if (!ts.isCallExpression(call)) continue;
      const fromPackage = ctx.values
        .of(unwrap(call.expression))
        .some((v) => v.kind === 'external' && PACKAGES.has(v.module));
      if (!fromPackage) continue;
      const options = [...call.arguments].reverse().find((a) => ctx.objectLiteral(a));
      const obj = options && ctx.objectLiteral(options);
      const prefix = obj ? propertyOf(obj.node, 'routePrefix') : undefined;
      out.push(...(prefix ? ctx.paths(prefix, obj?.frame) : [EMPTY]));
    }
  }
  return out.length ? dedupe(out) : [EMPTY];
}

function dedupe(values: StringValue[]): StringValue[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(v.text) && Boolean(seen.add(v.text)));
}
