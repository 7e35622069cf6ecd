import { ts } from 'ts-morph';
import { unwrap } from '../scope';
import { HTTP_METHODS, receiverOf, type CallOnRouter, type ImperativeFramework, type RouteContext } from './context';
import { EMPTY } from './model';

const ROUTER_PACKAGES = new Set(['express', 'router', 'express-promise-router', 'express-serve-static-core']);

/** A registration's method as reported: `all` is ALL. */
export const methodOf = (name: string) => (name === 'all' ? 'ALL' : name.toUpperCase());

/**
 * Express: `express()` apps (roots) and `express.Router()` routers, `app.METHOD(path, ...handlers)`,
 * `app.route(path).get(h).post(h)`, and `app.use([path,] ...routers)` mounts.
 */
export const express: ImperativeFramework = {
  name: 'express',
  chains: new Set(['use', 'get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'all', 'param']),
  creates(_ctx, made) {
    const { module, path } = made.callee;
    if (!ROUTER_PACKAGES.has(module)) return undefined;
    const name = path.join('.');
    if (module === 'express' && (name === '' || name === 'default' || name === 'express')) return { root: true };
    if (
      name === 'Router' ||
      name === 'default.Router' ||
      (module !== 'express' && (name === '' || name === 'default'))
    ) {
      return { root: false };
    }
    return undefined;
  },
  onCall(ctx, site) {
    const { call } = site;
    for (const name of site.names) {
      const lower = name.toLowerCase();
      if (HTTP_METHODS.has(lower)) registration(ctx, site, lower);
      else if (name === 'use') mounts(ctx, site, 0);
    }
    void call;
  },
};

function registration(ctx: RouteContext, site: CallOnRouter, method: string): void {
  const { call, frame, router } = site;
  // app.get('env') reads a setting; a route needs a path and a handler.
  if (call.arguments.length < 2) return;
  const handler = ctx.handlerOf(call.arguments.slice(1), frame);
  for (const path of ctx.paths(call.arguments[0], frame)) {
    ctx.model.register({
      router,
      method: methodOf(method),
      path,
      site: ctx.siteOf(call, path),
      handler: handler.fn,
      handlerFrame: handler.frame,
    });
  }
}

/** `x.use([path,] ...handlersOrRouters)`: each argument that is a router is mounted at the path. */
export function mounts(ctx: RouteContext, site: CallOnRouter, from: number): void {
  const { call, frame, router } = site;
  const args = call.arguments.slice(from);
  let prefix = EMPTY;
  args.forEach((arg, i) => {
    const e = unwrap(arg);
    if (i === 0 && isPathLike(ctx, e, frame)) {
      prefix = ctx.path(e, frame);
      return;
    }
    if (ts.isArrayLiteralExpression(e)) {
      for (const el of e.elements) for (const child of ctx.routersOf(el, frame)) ctx.model.mount(router, child, prefix);
      return;
    }
    for (const child of ctx.routersOf(e, frame)) ctx.model.mount(router, child, prefix);
  });
}

/** Is the first argument of `use` a path (a string, a template, a constant), not a handler? */
function isPathLike(ctx: RouteContext, e: ts.Expression, frame: CallOnRouter['frame']): boolean {
  if (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e) || ts.isBinaryExpression(e)) return true;
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isCallExpression(e) || ts.isNewExpression(e))
    return false;
  const value = ctx.path(e, frame);
  return value.confidence !== 'dynamic';
}

/** `app.route('/x').get(h).post(h)`: registrations on the chain's path. */
export function routeChain(ctx: RouteContext, call: ts.CallExpression, frame: CallOnRouter['frame']): boolean {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !HTTP_METHODS.has(callee.name.text.toLowerCase())) return false;
  let chain: ts.Expression = unwrap(callee.expression);
  while (ts.isCallExpression(chain)) {
    const inner = unwrap(chain.expression);
    if (!ts.isPropertyAccessExpression(inner)) return false;
    if (inner.name.text === 'route') break;
    if (!HTTP_METHODS.has(inner.name.text.toLowerCase())) return false;
    chain = unwrap(inner.expression);
  }
  if (!ts.isCallExpression(chain)) return false;
  const routeCallee = unwrap(chain.expression) as ts.PropertyAccessExpression;
  const routers = ctx.routersOf(routeCallee.expression, frame).filter((r) => r.framework === 'express');
  if (!routers.length) return false;
  const handler = ctx.handlerOf(call.arguments, frame);
  for (const router of routers) {
    for (const path of ctx.paths(chain.arguments[0], frame)) {
      ctx.model.register({
        router,
        method: methodOf(callee.name.text.toLowerCase()),
        path,
        site: ctx.siteOf(call, path),
        handler: handler.fn,
        handlerFrame: handler.frame,
      });
    }
  }
  return true;
}

export { receiverOf };
