import { ts } from 'ts-morph';
import { calleeName } from '../scope';
import type { RouteContext } from './context';
import type { FoundRoute } from './model';

/** A route wrapper described in config (`inspect.routeWrappers`). */
export interface RouteWrapper {
  callee: string;
  method?: string;
  methodArgument?: number;
  pathArgument: number;
  handlerArgument?: number;
}

/**
 * Routes registered through the project's own functions that config describes: each call of
 * `callee` (by name, or `obj.fn` as written) is a route at the path argument.
 */
export function wrapperRoutes(ctx: RouteContext, wrappers: readonly RouteWrapper[]): FoundRoute[] {
  if (!wrappers.length) return [];
  const out: FoundRoute[] = [];
  for (const module of ctx.cb.modules.values()) {
    for (const call of module.calls) {
      if (!ts.isCallExpression(call)) continue;
      const name = calleeName(call);
      const written = ts.isPropertyAccessExpression(call.expression) ? call.expression.getText(module.source) : name;
      const wrapper = wrappers.find((w) => w.callee === name || w.callee === written);
      if (!wrapper) continue;
      const methodArg = wrapper.methodArgument === undefined ? undefined : call.arguments[wrapper.methodArgument];
      const method = wrapper.method ?? (methodArg ? ctx.strings(methodArg)[0] : undefined) ?? 'ALL';
      const handlerArg = call.arguments[wrapper.handlerArgument ?? call.arguments.length - 1];
      const [handler] = ctx.functionsOf(handlerArg);
      for (const path of ctx.paths(call.arguments[wrapper.pathArgument])) {
        out.push({
          method: method.toUpperCase(),
          path: path.text.startsWith('/') ? path.text : `/${path.text}`,
          confidence: path.confidence,
          framework: 'wrapper',
          site: ctx.cb.site(call),
          handler: handler?.fn,
        });
      }
    }
  }
  return out;
}
