import { ts } from 'ts-morph';
import { unwrap } from '../scope';
import type { Value } from '../values';
import { HTTP_METHODS, type CallOnRouter, type ImperativeFramework, type RouteContext } from './context';
import { methodOf } from './express';
import { EMPTY } from './model';

const ROUTER_PACKAGES = new Set(['@koa/router', 'koa-router', 'koa-tree-router']);

/**
 * Koa: `new Koa()` apps (roots), `new Router({ prefix })` routers (and `router.prefix(p)`),
 * `router.METHOD(path, ...)`, `app.use(router.routes())`, `router.use([path,] other.routes())`,
 * `koa-mount` (`app.use(mount('/api', apiApp))`) and `koa-route` (`app.use(route.get(path, fn))`).
 */
export const koa: ImperativeFramework = {
  name: 'koa',
  chains: new Set(['routes', 'middleware', 'allowedMethods', 'use', 'prefix', ...HTTP_METHODS]),
  creates(ctx, made) {
    const { module, path } = made.callee;
    if (module === 'koa' && path.length <= 1 && ts.isNewExpression(made.call)) return { root: true };
    if (!ROUTER_PACKAGES.has(module) || path.length > 1) return undefined;
    const options = made.call.arguments?.[0];
    const prefix = options ? ctx.objectProperty(options, 'prefix', made.frame) : undefined;
    return { root: false, own: prefix ? ctx.paths(prefix, made.frame) : [EMPTY] };
  },
  onCall(ctx, site) {
    for (const name of site.names) {
      const lower = name.toLowerCase();
      if (HTTP_METHODS.has(lower) && site.router.root === false) registration(ctx, site, lower);
      else if (name === 'use') use(ctx, site);
      else if (name === 'prefix' && site.call.arguments[0]) {
        ctx.model.router(site.router.key, 'koa', site.router.root, ctx.paths(site.call.arguments[0], site.frame));
      } else if (name === 'register' && !site.mountsOnly && site.call.arguments.length >= 3) {
        // router.register(path, ['get', 'post'], handler)
        for (const method of ctx.strings(site.call.arguments[1], site.frame))
          registration(ctx, site, method.toLowerCase(), 0);
      }
    }
  },
};

function registration(ctx: RouteContext, site: CallOnRouter, method: string, pathIndex = 0): void {
  const { call, frame, router } = site;
  if (call.arguments.length < 2) return;
  // router.get('name', '/path', handler): a named route.
  const second = call.arguments[1] && unwrap(call.arguments[1]);
  const named = second && ts.isStringLiteralLike(second) && second.text.startsWith('/');
  const pathArg = call.arguments[named ? 1 : pathIndex];
  const handler = ctx.handlerOf(call.arguments.slice(named ? 2 : 1), frame);
  for (const path of ctx.paths(pathArg, frame)) {
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

function use(ctx: RouteContext, site: CallOnRouter): void {
  const { call, frame, router } = site;
  let prefix = EMPTY;
  call.arguments.forEach((arg, i) => {
    const e = unwrap(arg);
    if (
      i === 0 &&
      (ts.isStringLiteralLike(e) ||
        ts.isTemplateExpression(e) ||
        (ts.isArrayLiteralExpression(e) && e.elements.every(ts.isStringLiteralLike)))
    ) {
      prefix = ts.isArrayLiteralExpression(e) ? ctx.path(e.elements[0], frame) : ctx.path(e, frame);
      return;
    }
    for (const v of ctx.values.of(e, frame)) mountValue(ctx, router, v, prefix);
  });
}

/** One argument of `use`: a router, a `mount(path, app)`, or a `route.get(path, fn)`. */
function mountValue(ctx: RouteContext, parent: CallOnRouter['router'], v: Value, prefix: typeof EMPTY): void {
  if (v.kind === 'made' && ts.isCallExpression(v.call)) {
    const { module, path } = v.callee;
    if (module === 'koa-mount') {
      const [first, second] = v.call.arguments;
      const hasPath = second !== undefined;
      const at = hasPath ? ctx.path(first, v.frame) : EMPTY;
      for (const child of ctx.routersOf(hasPath ? second : first, v.frame)) {
        ctx.model.mount(parent, child, { text: `${prefix.text}/${at.text}`, confidence: at.confidence });
      }
      return;
    }
    if (module === 'koa-route' && path.length === 1 && HTTP_METHODS.has(path[0].toLowerCase())) {
      const handler = ctx.handlerOf(v.call.arguments.slice(1), v.frame);
      for (const p of ctx.paths(v.call.arguments[0], v.frame)) {
        ctx.model.register({
          router: parent,
          method: methodOf(path[0].toLowerCase()),
          path: { text: `${prefix.text}/${p.text}`, confidence: p.confidence },
          site: ctx.cb.site(v.call),
          handler: handler.fn,
          handlerFrame: handler.frame,
        });
      }
      return;
    }
  }
  for (const child of ctx.routersOfValues([v], 0)) ctx.model.mount(parent, child, prefix);
}
