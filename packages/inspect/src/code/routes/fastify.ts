import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { ModuleInfo } from '../codebase';
import { unwrap } from '../scope';
import type { Frame, Value } from '../values';
import { HTTP_METHODS, propertyOf, type CallOnRouter, type ImperativeFramework, type RouteContext } from './context';
import { methodOf } from './express';
import { EMPTY, type RouterNode } from './model';
import type { StringValue } from '../evaluate';

const AUTOLOAD = new Set(['@fastify/autoload', 'fastify-autoload']);
const PLUGIN_WRAPPERS = new Set(['fastify-plugin']);

/**
 * Fastify: `fastify()` apps, plugins (`app.register(plugin, { prefix })`, including
 * `fastify-plugin`-wrapped ones, which ignore the prefix), `@fastify/autoload` folders (folder
 * names are prefixes, `_id` folders are parameters with `routeParams`, `autoPrefix` exports),
 * `app.METHOD(path, [options,] handler)` and `app.route({ method, url, handler })`.
 */
export const fastify: ImperativeFramework = {
  name: 'fastify',
  chains: new Set(['withTypeProvider', 'register', 'after', ...HTTP_METHODS]),
  creates(_ctx, made) {
    const { module, path: p } = made.callee;
    if (module !== 'fastify') return undefined;
    const name = p.join('.');
    return name === '' || name === 'default' || name === 'fastify' || name === 'Fastify' ? { root: true } : undefined;
  },
  onCall(ctx, site) {
    for (const name of site.names) {
      const lower = name.toLowerCase();
      if (HTTP_METHODS.has(lower)) registration(ctx, site, lower);
      else if (name === 'route' && !site.mountsOnly) routeOptions(ctx, site);
      else if (name === 'register') register(ctx, site);
    }
  },
};

function registration(ctx: RouteContext, site: CallOnRouter, method: string): void {
  const { call, frame, router } = site;
  if (call.arguments.length < 2) return;
  const handler = ctx.handlerOf(call.arguments.slice(1), frame);
  const fromOptions =
    !handler.fn && call.arguments[1] ? ctx.objectProperty(call.arguments[1], 'handler', frame) : undefined;
  const h = handler.fn ? handler : fromOptions ? ctx.handlerOf([fromOptions], frame) : {};
  for (const p of ctx.paths(call.arguments[0], frame)) {
    ctx.model.register({
      router,
      method: methodOf(method),
      path: p,
      site: ctx.siteOf(call, p),
      handler: h.fn,
      handlerFrame: h.frame,
    });
  }
}

function routeOptions(ctx: RouteContext, site: CallOnRouter): void {
  const obj = ctx.objectLiteral(site.call.arguments[0], site.frame);
  if (!obj) return;
  const methodExpr = propertyOf(obj.node, 'method');
  const m = methodExpr && unwrap(methodExpr);
  const methods =
    m && ts.isArrayLiteralExpression(m)
      ? m.elements.flatMap((el) => ctx.strings(el, obj.frame))
      : ctx.strings(methodExpr, obj.frame);
  const handler = ctx.handlerOf([propertyOf(obj.node, 'handler') ?? ts.factory.createNull()], obj.frame);
  for (const p of ctx.paths(propertyOf(obj.node, 'url') ?? propertyOf(obj.node, 'path'), obj.frame)) {
    for (const method of methods.length ? methods : ['ALL']) {
      ctx.model.register({
        router: site.router,
        method: method.toUpperCase(),
        path: p,
        site: ctx.siteOf(site.call, p),
        handler: handler.fn,
        handlerFrame: handler.frame,
      });
    }
  }
}

/** `app.register(plugin, options)`: the plugin's instance is mounted at the prefix. */
function register(ctx: RouteContext, site: CallOnRouter): void {
  const [pluginArg, optionsArg] = site.call.arguments;
  if (!pluginArg) return;
  const options = optionsArg ? ctx.objectLiteral(optionsArg, site.frame) : undefined;
  const prefixExpr = options ? propertyOf(options.node, 'prefix') : undefined;
  const prefixes = prefixExpr ? ctx.paths(prefixExpr, options?.frame) : [EMPTY];
  for (const v of ctx.values.of(pluginArg, site.frame)) {
    if (v.kind === 'external' && AUTOLOAD.has(v.module)) {
      if (options) autoload(ctx, site.router, options.node, options.frame, site.call);
      continue;
    }
    mountPlugin(ctx, site.router, v, prefixes, 0);
  }
}

/** Mounts the plugin a value is (a function, `fp(fn)`, a module's default export). */
function mountPlugin(ctx: RouteContext, parent: RouterNode, v: Value, prefixes: StringValue[], depth: number): void {
  if (depth > 3) return;
  if (v.kind === 'node' && ts.isFunctionLike(v.node) && v.node.parameters[0]) {
    const child = ctx.routerForParameter(v.node.parameters[0], 'fastify');
    for (const prefix of prefixes) ctx.model.mount(parent, child, prefix);
  } else if (v.kind === 'made' && ts.isCallExpression(v.call) && PLUGIN_WRAPPERS.has(v.callee.module)) {
    // fastify-plugin shares the parent's scope: the prefix option is ignored.
    for (const inner of ctx.values.of(v.call.arguments[0], v.frame))
      mountPlugin(ctx, parent, inner, [EMPTY], depth + 1);
  } else if (v.kind === 'module') {
    for (const inner of ctx.values.exported(v.module, 'default')) mountPlugin(ctx, parent, inner, prefixes, depth + 1);
  }
}

/** `register(autoload, { dir, options: { prefix }, dirNameRoutePrefix, routeParams })`. */
function autoload(
  ctx: RouteContext,
  parent: RouterNode,
  options: ts.ObjectLiteralExpression,
  frame: Frame | undefined,
  call: ts.Node,
): void {
  const dir = autoloadDir(ctx, propertyOf(options, 'dir'), frame, call);
  if (!dir) return;
  const inner = ctx.objectLiteral(propertyOf(options, 'options'), frame);
  const base = inner ? ctx.path(propertyOf(inner.node, 'prefix'), inner.frame) : EMPTY;
  const basePrefix = base.confidence === 'dynamic' ? EMPTY : base;
  const dirPrefix = ctx.values.of(propertyOf(options, 'dirNameRoutePrefix'), frame);
  const useDirNames = !dirPrefix.some((v) => v.kind === 'node' && v.node.kind === ts.SyntaxKind.FalseKeyword);
  const routeParams = ctx.values
    .of(propertyOf(options, 'routeParams'), frame)
    .some((v) => v.kind === 'node' && v.node.kind === ts.SyntaxKind.TrueKeyword);
  for (const module of pluginFiles(ctx, dir)) {
    const folder = path
      .relative(dir, path.dirname(module.file))
      .split(path.sep)
      .filter((s) => s && s !== '.');
    const segments = useDirNames ? folder.map((s) => (routeParams && s.startsWith('_') ? `:${s.slice(1)}` : s)) : [];
    const own = ctx.values.exported(module, 'autoPrefix');
    const autoPrefix = own.length
      ? ctx.paths(own[0].kind === 'node' ? (own[0].node as ts.Expression) : undefined)
      : undefined;
    const prefix: StringValue = {
      text: [basePrefix.text, ...(autoPrefix ? [autoPrefix[0].text] : segments)].join('/'),
      confidence: basePrefix.confidence === 'literal' && !segments.length && !autoPrefix ? 'literal' : 'resolved',
    };
    for (const v of ctx.values.exported(module, 'default')) mountPlugin(ctx, parent, v, [prefix], 0);
  }
}

/** The plugin files autoload loads: every script, or only `index` where a folder has one. */
function pluginFiles(ctx: RouteContext, dir: string): ModuleInfo[] {
  const modules = [...ctx.cb.modules.values()].filter((m) => !path.relative(dir, m.file).startsWith('..'));
  const hasIndex = new Set(
    modules.filter((m) => /^index\.[cm]?[jt]s$/.test(path.basename(m.file))).map((m) => path.dirname(m.file)),
  );
  return modules.filter((m) => {
    const name = path.basename(m.file);
    if (/^autohooks\./.test(name) || name.endsWith('.d.ts')) return false;
    const folder = path.dirname(m.file);
    return !hasIndex.has(folder) || /^index\./.test(name);
  });
}

/** `path.join(__dirname, 'routes')`, `join(import.meta.dirname, 'routes')`, a template: a folder. */
function autoloadDir(
  ctx: RouteContext,
  expr: ts.Expression | undefined,
  frame: Frame | undefined,
  call: ts.Node,
): string | undefined {
  const e = expr && unwrap(expr);
  if (!e) return undefined;
  const here = path.dirname(call.getSourceFile().fileName);
  const part = (x: ts.Expression): string | undefined => {
    const u = unwrap(x);
    if (ts.isIdentifier(u) && (u.text === '__dirname' || u.text === 'dirname')) return here;
    if (ts.isPropertyAccessExpression(u) && /^import\.meta\.(dirname)$/.test(u.getText())) return here;
    const [value] = ctx.strings(u, frame);
    return value;
  };
  if (ts.isCallExpression(e)) {
    const parts = e.arguments.map(part);
    if (parts.some((p) => p === undefined)) return undefined;
    const joined = path.resolve(...(parts as string[]));
    return fs.existsSync(joined) ? joined : undefined;
  }
  if (ts.isTemplateExpression(e) && /^\$\{__dirname\}/.test(e.getText().slice(1))) {
    return path.join(here, e.templateSpans[e.templateSpans.length - 1].literal.text);
  }
  return undefined;
}
