import { ts } from 'ts-morph';
import { unwrap } from '../scope';
import { HTTP_METHODS, propertyOf, type CallOnRouter, type ImperativeFramework, type RouteContext } from './context';
import { methodOf } from './express';

const APP_CLASSES = new Set(['Hono', 'OpenAPIHono']);
const PACKAGES = new Set(['hono', '@hono/zod-openapi', 'hono/tiny', 'hono/quick']);

/** OpenAPI paths write parameters as `{id}`; routes as `:id`. */
const fromOpenApi = (text: string) => text.replace(/\{([^}/]+)\}/g, ':$1');

/**
 * Hono: `new Hono()` / `new OpenAPIHono()` apps, `app.METHOD(path, ...)`, `app.on(method, path, h)`,
 * `app.route(path, subApp)`, `app.basePath(p)` (a derived app with its own prefix), and
 * `app.openapi(createRoute({ method, path }), handler)`.
 */
export const hono: ImperativeFramework = {
  name: 'hono',
  chains: new Set([...HTTP_METHODS, 'use', 'route', 'openapi', 'on', 'doc', 'doc31', 'onError', 'notFound']),
  creates(ctx, made) {
    const { module, path } = made.callee;
    if (!PACKAGES.has(module) || !ts.isNewExpression(made.call)) return undefined;
    if (!APP_CLASSES.has(path[path.length - 1] ?? '')) return undefined;
    void ctx;
    return { root: true };
  },
  derive(ctx, base, result) {
    // new Hono().basePath('/api'): a derived app that adds its own prefix.
    if (result.name !== 'basePath') return undefined;
    const key = `basePath:${ctx.values.idOf(result.call)}`;
    return ctx.model.router(key, 'hono', base.root, ctx.paths(result.call.arguments[0], result.frame));
  },
  onCall(ctx, site) {
    for (const name of site.names) {
      const lower = name.toLowerCase();
      if (HTTP_METHODS.has(lower)) register(ctx, site, methodOf(lower), site.call.arguments[0], 1);
      else if (name === 'on' && site.call.arguments.length >= 3) {
        for (const m of ctx.strings(site.call.arguments[0], site.frame))
          register(ctx, site, m.toUpperCase(), site.call.arguments[1], 2);
      } else if (name === 'route' && site.call.arguments.length === 2) {
        for (const child of ctx.routersOf(site.call.arguments[1], site.frame)) {
          ctx.model.mount(site.router, child, ctx.path(site.call.arguments[0], site.frame));
        }
      } else if (name === 'openapi' && site.call.arguments.length >= 2) openapi(ctx, site);
    }
  },
};

function register(
  ctx: RouteContext,
  site: CallOnRouter,
  method: string,
  pathArg: ts.Expression | undefined,
  from: number,
): void {
  if (site.call.arguments.length <= from) return;
  const handler = ctx.handlerOf(site.call.arguments.slice(from), site.frame);
  for (const path of ctx.paths(pathArg, site.frame)) {
    ctx.model.register({
      router: site.router,
      method,
      path,
      site: ctx.siteOf(site.call, path),
      handler: handler.fn,
      handlerFrame: handler.frame,
    });
  }
}

/** `app.openapi(route, handler)`: the route's `method` and `path` from its createRoute({...}). */
function openapi(ctx: RouteContext, site: CallOnRouter): void {
  const [routeArg, handlerArg] = site.call.arguments;
  const handler = ctx.handlerOf([handlerArg], site.frame);
  for (const v of ctx.values.of(routeArg, site.frame)) {
    const options =
      v.kind === 'made' && ts.isCallExpression(v.call)
        ? v.call.arguments[0]
        : v.kind === 'node'
          ? (v.node as ts.Expression)
          : undefined;
    const frame = v.kind === 'made' || v.kind === 'node' ? v.frame : undefined;
    const obj = options && ctx.objectLiteral(unwrap(options), frame);
    if (!obj) continue;
    const methods = ctx.strings(propertyOf(obj.node, 'method'), obj.frame);
    for (const path of ctx.paths(propertyOf(obj.node, 'path'), obj.frame)) {
      for (const method of methods) {
        ctx.model.register({
          router: site.router,
          method: method.toUpperCase(),
          path: { ...path, text: fromOpenApi(path.text) },
          site: ctx.siteOf(site.call, path),
          handler: handler.fn,
          handlerFrame: handler.frame,
        });
      }
    }
  }
}
