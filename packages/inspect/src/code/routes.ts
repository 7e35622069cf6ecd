import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { Confidence } from '@deploy-plan/core';
import type { CodeBase, ModuleInfo, Site } from './codebase';
import { evaluateString, joinPaths, knownString, type StringValue } from './evaluate';
import { calleeName, calleeOrigin, functionOf, lookup, unwrap } from './scope';

export type Framework = 'express' | 'fastify' | 'koa' | 'hono' | 'nestjs' | 'nextjs' | 'wrapper';

/** A route found in code, before health classification. */
export interface FoundRoute {
  method: string;
  path: string;
  confidence: Confidence;
  framework: Framework;
  site: Site;
  handler?: ts.FunctionLikeDeclaration;
}

/** A route wrapper described in config (`inspect.routeWrappers`). */
export interface RouteWrapper {
  callee: string;
  method?: string;
  methodArgument?: number;
  pathArgument: number;
  handlerArgument?: number;
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'all']);

/** A router instance: the node that creates it (a call, or a Fastify plugin's instance parameter). */
interface Router {
  key: ts.Node;
  framework: Framework;
  /** Prefix the instance itself adds (Koa `prefix`, Hono `basePath`). */
  own: StringValue;
}

interface Mount {
  parent: Router;
  child: Router;
  prefix: StringValue;
}

interface Registration {
  router: Router;
  method: string;
  path: StringValue;
  handler?: ts.FunctionLikeDeclaration;
  site: Site;
}

const EMPTY: StringValue = { text: '', confidence: 'literal' };

function worst(a: Confidence, b: Confidence): Confidence {
  const order: Confidence[] = ['literal', 'resolved', 'env-derived', 'dynamic'];
  return order[Math.max(order.indexOf(a), order.indexOf(b))];
}

/** Which framework creates a router/app with this call, if any. */
function creation(cb: CodeBase, call: ts.CallExpression | ts.NewExpression): { framework: Framework; own: StringValue } | undefined {
  const origin = calleeOrigin(cb, call);
  if (!origin) return undefined;
  const { module, imported } = origin;
  if (module === 'express' && (imported === 'default' || imported === '*' || imported === 'Router' || imported === 'express')) {
    return { framework: 'express', own: EMPTY };
  }
  if (module === 'fastify' && (imported === 'default' || imported === '*' || imported === 'fastify' || imported === 'Fastify')) return { framework: 'fastify', own: EMPTY };
  if ((module === '@koa/router' || module === 'koa-router') && ts.isNewExpression(call)) {
    const options = call.arguments?.[0] && unwrap(call.arguments[0]);
    let own = EMPTY;
    if (options && ts.isObjectLiteralExpression(options)) {
      const prefix = options.properties.find((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'prefix') as ts.PropertyAssignment | undefined;
      if (prefix) own = evaluateString(cb, prefix.initializer);
    }
    return { framework: 'koa', own };
  }
  if (module === 'koa' && ts.isNewExpression(call)) return { framework: 'koa', own: EMPTY };
  if (module === 'hono' && imported === 'Hono' && ts.isNewExpression(call)) return { framework: 'hono', own: EMPTY };
  return undefined;
}

/**
 * Maps router-valued expressions to router instances: variables initialised by a framework
 * call, Hono `basePath` chains, functions that return a router, Koa `router.routes()`, and
 * Fastify plugin instance parameters.
 */
class Routers {
  private readonly byKey = new Map<ts.Node, Router>();
  constructor(private readonly cb: CodeBase) {}

  private make(key: ts.Node, framework: Framework, own: StringValue): Router {
    let r = this.byKey.get(key);
    if (!r) {
      r = { key, framework, own };
      this.byKey.set(key, r);
    }
    return r;
  }

  /** A Fastify plugin's instance (its first parameter) as a router. */
  plugin(fn: ts.FunctionLikeDeclaration): Router | undefined {
    const param = fn.parameters[0];
    return param ? this.make(param, 'fastify', EMPTY) : undefined;
  }

  resolve(expr: ts.Expression | undefined, depth = 0): Router | undefined {
    if (!expr || depth > 8) return undefined;
    const e = unwrap(expr);
    if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
      const made = creation(this.cb, e);
      if (made) return this.make(e, made.framework, made.own);
      if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
        const method = e.expression.name.text;
        // router.routes() / router.middleware() (Koa): the router itself.
        if (method === 'routes' || method === 'middleware') return this.resolve(e.expression.expression, depth + 1);
        // new Hono().basePath('/api'): a router with its own prefix.
        if (method === 'basePath') {
          const base = this.resolve(e.expression.expression, depth + 1);
          if (base) return this.make(e, base.framework, evaluateString(this.cb, e.arguments[0]));
        }
      }
      // A function that builds and returns a router: createRouter().
      const fn = ts.isCallExpression(e) ? functionOf(this.cb, e.expression) : undefined;
      if (fn) return this.returned(fn, depth + 1);
      return undefined;
    }
    if (ts.isIdentifier(e)) {
      const d = lookup(this.cb, e);
      if (d?.kind === 'variable' && d.init) return this.resolve(d.init, depth + 1);
      if (d?.kind === 'expression') return this.resolve(d.node, depth + 1);
      if (d?.kind === 'parameter') return this.byKey.get(d.node);
      if (d?.kind === 'function') return this.returned(d.node, depth + 1);
    }
    return undefined;
  }

  private returned(fn: ts.FunctionLikeDeclaration, depth: number): Router | undefined {
    const body = fn.body;
    if (!body) return undefined;
    if (!ts.isBlock(body)) return this.resolve(body, depth);
    let found: Router | undefined;
    const visit = (n: ts.Node): void => {
      if (found || (ts.isFunctionLike(n) && n !== fn)) return;
      if (ts.isReturnStatement(n) && n.expression) found = this.resolve(n.expression, depth);
      else ts.forEachChild(n, visit);
    };
    ts.forEachChild(body, visit);
    return found;
  }
}

function objectProperty(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
    if (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name) && p.name.text === name) return p as unknown as ts.Expression;
  }
  return undefined;
}

/** The handler of a registration: the last argument that is (or names) a function. */
function lastHandler(cb: CodeBase, args: readonly ts.Expression[]): ts.FunctionLikeDeclaration | undefined {
  for (let i = args.length - 1; i >= 0; i--) {
    const fn = functionOf(cb, args[i]);
    if (fn) return fn;
    const e = unwrap(args[i]);
    // controller.method / this.handler: a method of a class or object in the workspace.
    if (ts.isPropertyAccessExpression(e)) return undefined;
  }
  return undefined;
}

/** Routes of Express, Fastify, Koa and Hono apps (and config wrappers), as a mount tree. */
function codeRoutes(cb: CodeBase, wrappers: readonly RouteWrapper[]): FoundRoute[] {
  const routers = new Routers(cb);
  const mounts: Mount[] = [];
  const registrations: Registration[] = [];
  const autoloads: { parent: Router; dir: string; prefix: StringValue }[] = [];

  // First pass: Fastify plugins register their instance parameter as a router, so it must be
  // known before the routes inside the plugin are read. Autoloaded plugin files too.
  const autoloadPlugin = (file: string): ts.FunctionLikeDeclaration | undefined => {
    const exported = cb.resolveExport(file, 'default');
    if (!exported) return undefined;
    const binding = exported.module.bindings.get(exported.local);
    return binding?.kind === 'function' ? binding.node : binding?.kind === 'value' ? functionOf(cb, binding.node.initializer) : binding?.kind === 'expression' ? functionOf(cb, binding.node) : undefined;
  };
  for (const module of cb.modules.values()) {
    for (const call of module.calls) {
      if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'register') continue;
      const fn = functionOf(cb, call.arguments[0]);
      if (fn) {
        routers.plugin(fn);
        continue;
      }
      const first = call.arguments[0] && unwrap(call.arguments[0]);
      const options = call.arguments[1] && unwrap(call.arguments[1]);
      if (!first || !ts.isIdentifier(first) || !options || !ts.isObjectLiteralExpression(options)) continue;
      const d = lookup(cb, first);
      if (d?.kind !== 'external' || d.module !== '@fastify/autoload') continue;
      const dir = autoloadDir(cb, objectProperty(options, 'dir'), module);
      const parent = routers.resolve(call.expression.expression);
      if (!dir || !parent) continue;
      const inner = objectProperty(options, 'options');
      const innerPrefix = inner && ts.isObjectLiteralExpression(unwrap(inner)) ? objectProperty(unwrap(inner) as ts.ObjectLiteralExpression, 'prefix') : undefined;
      autoloads.push({ parent, dir, prefix: innerPrefix ? evaluateString(cb, innerPrefix) : EMPTY });
      for (const m of cb.modules.values()) {
        const rel = path.relative(dir, m.file);
        if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
        const plugin = autoloadPlugin(m.file);
        if (plugin) routers.plugin(plugin);
      }
    }
  }

  for (const module of cb.modules.values()) {
    for (const call of module.calls) {
      if (!ts.isCallExpression(call)) continue;
      const name = calleeName(call);
      const wrapper = wrappers.find((w) => w.callee === name || (ts.isPropertyAccessExpression(call.expression) && w.callee === call.expression.getText(module.source)));
      if (wrapper) {
        const method = wrapper.method ?? (wrapper.methodArgument !== undefined ? knownString(cb, call.arguments[wrapper.methodArgument]) : undefined) ?? 'ALL';
        registrations.push({
          router: { key: call, framework: 'wrapper', own: EMPTY },
          method: method.toUpperCase(),
          path: evaluateString(cb, call.arguments[wrapper.pathArgument]),
          handler: functionOf(cb, call.arguments[wrapper.handlerArgument ?? call.arguments.length - 1]),
          site: cb.site(call),
        });
        continue;
      }
      if (!ts.isPropertyAccessExpression(call.expression) || !name) continue;
      const receiver = call.expression.expression;
      const lower = name.toLowerCase();

      // app.route('/x').get(h).post(h) (Express): walk down the chain to the route() call.
      if (HTTP_METHODS.has(lower)) {
        let chain: ts.Expression = unwrap(receiver);
        while (ts.isCallExpression(chain) && ts.isPropertyAccessExpression(chain.expression) && HTTP_METHODS.has(chain.expression.name.text.toLowerCase())) {
          chain = unwrap(chain.expression.expression);
        }
        if (ts.isCallExpression(chain) && ts.isPropertyAccessExpression(chain.expression) && chain.expression.name.text === 'route') {
          const router = routers.resolve(chain.expression.expression);
          if (router?.framework === 'express') {
            registrations.push({ router, method: lower === 'all' ? 'ALL' : lower.toUpperCase(), path: evaluateString(cb, chain.arguments[0]), handler: lastHandler(cb, call.arguments), site: cb.site(call) });
            continue;
          }
        }
      }

      const router = routers.resolve(receiver);
      if (!router) continue;
      if (HTTP_METHODS.has(lower) && call.arguments.length >= 2) {
        registrations.push({
          router,
          method: lower === 'all' ? 'ALL' : lower.toUpperCase(),
          path: evaluateString(cb, call.arguments[0]),
          handler: lastHandler(cb, call.arguments.slice(1)),
          site: cb.site(call),
        });
      } else if (name === 'route' && router.framework === 'fastify' && call.arguments[0]) {
        const options = unwrap(call.arguments[0]);
        if (!ts.isObjectLiteralExpression(options)) continue;
        const methodExpr = objectProperty(options, 'method');
        const methods: string[] = [];
        const m = methodExpr && unwrap(methodExpr);
        if (m && ts.isArrayLiteralExpression(m)) m.elements.forEach((el) => methods.push(knownString(cb, el) ?? 'ALL'));
        else methods.push(knownString(cb, methodExpr) ?? 'ALL');
        const handlerExpr = objectProperty(options, 'handler');
        for (const method of methods) {
          registrations.push({ router, method: method.toUpperCase(), path: evaluateString(cb, objectProperty(options, 'url') ?? objectProperty(options, 'path')), handler: handlerExpr && (ts.isMethodDeclaration(handlerExpr as ts.Node) ? (handlerExpr as unknown as ts.MethodDeclaration) : functionOf(cb, handlerExpr)), site: cb.site(call) });
        }
      } else if (name === 'route' && router.framework === 'hono' && call.arguments.length === 2) {
        const child = routers.resolve(call.arguments[1]);
        if (child) mounts.push({ parent: router, child, prefix: evaluateString(cb, call.arguments[0]) });
      } else if (name === 'use') {
        let prefix = EMPTY;
        call.arguments.forEach((arg, i) => {
          const a = unwrap(arg);
          if (i === 0 && !ts.isIdentifier(a) && !ts.isCallExpression(a) && !ts.isNewExpression(a)) {
            prefix = evaluateString(cb, a);
            return;
          }
          if (i === 0 && ts.isIdentifier(a)) {
            const value = evaluateString(cb, a);
            if (value.confidence !== 'dynamic') {
              prefix = value;
              return;
            }
          }
          const child = routers.resolve(a);
          if (child && child !== router) mounts.push({ parent: router, child, prefix });
        });
      } else if (name === 'register' && router.framework === 'fastify') {
        const options = call.arguments[1] && unwrap(call.arguments[1]);
        const prefixExpr = options && ts.isObjectLiteralExpression(options) ? objectProperty(options, 'prefix') : undefined;
        const prefix = prefixExpr ? evaluateString(cb, prefixExpr) : EMPTY;
        const fn = functionOf(cb, call.arguments[0]);
        if (fn) {
          const child = routers.plugin(fn);
          if (child) mounts.push({ parent: router, child, prefix });
        }
      }
    }
  }

  // @fastify/autoload: every plugin file below `dir` is mounted at its folder's path.
  for (const auto of autoloads) {
    for (const module of cb.modules.values()) {
      const rel = path.relative(auto.dir, module.file);
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
      const fn = autoloadPlugin(module.file);
      const child = fn && routers.plugin(fn);
      if (!child) continue;
      const folder = path.dirname(rel).split(path.sep).filter((s) => s !== '.').join('/');
      mounts.push({ parent: auto.parent, child, prefix: { text: joinPaths(auto.prefix.text, folder), confidence: worst(auto.prefix.confidence, 'resolved') } });
    }
  }

  // Full paths: every chain of mounts from a router nobody mounts down to the registration.
  const parentsOf = new Map<ts.Node, Mount[]>();
  for (const m of mounts) parentsOf.set(m.child.key, [...(parentsOf.get(m.child.key) ?? []), m]);
  const prefixes = (router: Router, depth = 0): StringValue[] => {
    const own = router.own;
    const parents = parentsOf.get(router.key) ?? [];
    if (!parents.length || depth > 20) return [own];
    return parents.flatMap((m) =>
      prefixes(m.parent, depth + 1).map((p) => ({ text: joinPaths(p.text, m.prefix.text, own.text), confidence: worst(worst(p.confidence, m.prefix.confidence), own.confidence) })),
    );
  };
  const out: FoundRoute[] = [];
  for (const r of registrations) {
    for (const prefix of prefixes(r.router)) {
      out.push({
        method: r.method,
        path: joinPaths(prefix.text, r.path.text),
        confidence: worst(prefix.confidence, r.path.confidence === 'literal' && prefix.text ? 'resolved' : r.path.confidence),
        framework: r.router.framework,
        site: r.site,
        handler: r.handler,
      });
    }
  }
  return out;
}

/** `path.join(__dirname, 'routes')` / `join(__dirname, 'routes')` -> an absolute folder. */
function autoloadDir(cb: CodeBase, expr: ts.Expression | undefined, module: ModuleInfo): string | undefined {
  const e = expr && unwrap(expr);
  if (!e || !ts.isCallExpression(e)) return undefined;
  const [first, ...rest] = e.arguments;
  if (!first || !ts.isIdentifier(first) || first.text !== '__dirname') return undefined;
  const parts = rest.map((a) => knownString(cb, a));
  if (parts.some((p) => p === undefined)) return undefined;
  return path.join(path.dirname(module.file), ...(parts as string[]));
}

// ---- NestJS ------------------------------------------------------------------------------

const NEST_METHODS: Record<string, string> = { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', Options: 'OPTIONS', Head: 'HEAD', All: 'ALL' };

function decorator(node: ts.Node, name: string): ts.CallExpression | undefined {
  if (!ts.canHaveDecorators(node)) return undefined;
  for (const d of ts.getDecorators(node) ?? []) {
    if (ts.isCallExpression(d.expression) && ts.isIdentifier(d.expression.expression) && d.expression.expression.text === name) return d.expression;
  }
  return undefined;
}

function stringsOf(cb: CodeBase, expr: ts.Expression | undefined): StringValue[] {
  if (!expr) return [EMPTY];
  const e = unwrap(expr);
  if (ts.isArrayLiteralExpression(e)) return e.elements.map((el) => evaluateString(cb, el));
  return [evaluateString(cb, e)];
}

/** NestJS controllers, with `setGlobalPrefix` (and its excludes), URI versioning and RouterModule prefixes. */
function nestRoutes(cb: CodeBase): FoundRoute[] {
  let globalPrefix = EMPTY;
  const excludes: { path: string; method?: string }[] = [];
  let uriVersioning: { prefix: string; defaultVersion?: string } | undefined;
  const moduleControllers = new Map<ts.ClassDeclaration, ts.ClassDeclaration[]>();
  const modulePrefix = new Map<ts.ClassDeclaration, StringValue>();

  const classOf = (expr: ts.Expression): ts.ClassDeclaration | undefined => {
    const e = unwrap(expr);
    if (!ts.isIdentifier(e)) return undefined;
    const d = lookup(cb, e);
    return d?.kind === 'class' ? d.node : undefined;
  };

  for (const module of cb.modules.values()) {
    for (const call of module.calls) {
      if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) continue;
      const name = call.expression.name.text;
      if (name === 'setGlobalPrefix') {
        globalPrefix = evaluateString(cb, call.arguments[0]);
        const options = call.arguments[1] && unwrap(call.arguments[1]);
        const list = options && ts.isObjectLiteralExpression(options) ? objectProperty(options, 'exclude') : undefined;
        const arr = list && unwrap(list);
        if (arr && ts.isArrayLiteralExpression(arr)) {
          for (const el of arr.elements) {
            const item = unwrap(el);
            if (ts.isObjectLiteralExpression(item)) {
              const method = objectProperty(item, 'method');
              excludes.push({ path: knownString(cb, objectProperty(item, 'path')) ?? '', method: method && ts.isPropertyAccessExpression(unwrap(method)) ? (unwrap(method) as ts.PropertyAccessExpression).name.text : undefined });
            } else excludes.push({ path: knownString(cb, item) ?? '' });
          }
        }
      } else if (name === 'enableVersioning') {
        const options = call.arguments[0] && unwrap(call.arguments[0]);
        const type = options && ts.isObjectLiteralExpression(options) ? objectProperty(options, 'type') : undefined;
        const t = type && unwrap(type);
        if (!t || (ts.isPropertyAccessExpression(t) && t.name.text === 'URI') || knownString(cb, t) === 'uri' || knownString(cb, t) === '0') {
          const prefix = options && ts.isObjectLiteralExpression(options) ? knownString(cb, objectProperty(options, 'prefix')) : undefined;
          const defaultVersion = options && ts.isObjectLiteralExpression(options) ? knownString(cb, objectProperty(options, 'defaultVersion')) : undefined;
          uriVersioning = { prefix: prefix ?? 'v', defaultVersion };
        }
      } else if (name === 'register' && ts.isIdentifier(call.expression.expression) && call.expression.expression.text === 'RouterModule') {
        const visit = (routes: ts.Expression | undefined, parent: StringValue) => {
          const arr = routes && unwrap(routes);
          if (!arr || !ts.isArrayLiteralExpression(arr)) return;
          for (const el of arr.elements) {
            const item = unwrap(el);
            if (!ts.isObjectLiteralExpression(item)) continue;
            const p = evaluateString(cb, objectProperty(item, 'path'));
            const full = { text: joinPaths(parent.text, p.text), confidence: worst(parent.confidence, p.confidence) };
            const mod = objectProperty(item, 'module');
            const cls = mod && classOf(mod);
            if (cls) modulePrefix.set(cls, full);
            visit(objectProperty(item, 'children'), full);
          }
        };
        visit(call.arguments[0], EMPTY);
      }
    }
    for (const cls of module.classes) {
      const mod = decorator(cls, 'Module');
      const options = mod?.arguments[0] && unwrap(mod.arguments[0]);
      if (!options || !ts.isObjectLiteralExpression(options)) continue;
      const controllers = objectProperty(options, 'controllers');
      const arr = controllers && unwrap(controllers);
      if (arr && ts.isArrayLiteralExpression(arr)) moduleControllers.set(cls, arr.elements.map(classOf).filter((c): c is ts.ClassDeclaration => Boolean(c)));
    }
  }

  const routerPrefixOf = (controller: ts.ClassDeclaration): StringValue => {
    for (const [mod, controllers] of moduleControllers) if (controllers.includes(controller) && modulePrefix.has(mod)) return modulePrefix.get(mod)!;
    return EMPTY;
  };

  const out: FoundRoute[] = [];
  for (const module of cb.modules.values()) {
    for (const cls of module.classes) {
      const ctrl = decorator(cls, 'Controller');
      if (!ctrl) continue;
      let paths = [EMPTY];
      let ctrlVersion: string | undefined;
      const arg = ctrl.arguments[0] && unwrap(ctrl.arguments[0]);
      if (arg && ts.isObjectLiteralExpression(arg)) {
        paths = stringsOf(cb, objectProperty(arg, 'path'));
        ctrlVersion = knownString(cb, objectProperty(arg, 'version'));
      } else if (arg) paths = stringsOf(cb, arg);
      const routerPrefix = routerPrefixOf(cls);
      for (const member of cls.members) {
        if (!ts.isMethodDeclaration(member)) continue;
        for (const [deco, method] of Object.entries(NEST_METHODS)) {
          const d = decorator(member, deco);
          if (!d) continue;
          const version = knownString(cb, decorator(member, 'Version')?.arguments[0]) ?? ctrlVersion ?? uriVersioning?.defaultVersion;
          for (const ctrlPath of paths) {
            for (const methodPath of stringsOf(cb, d.arguments[0])) {
              const local = joinPaths(routerPrefix.text, ctrlPath.text, methodPath.text);
              const excluded = excludes.some((x) => joinPaths(x.path) === local && (!x.method || x.method === method || x.method === 'ALL'));
              const versionPart = uriVersioning && version ? `${uriVersioning.prefix}${version}` : '';
              const full = joinPaths(excluded ? '' : globalPrefix.text, versionPart, local);
              const confidence = [routerPrefix, ctrlPath, methodPath, excluded ? EMPTY : globalPrefix].reduce<Confidence>((c, v) => worst(c, v.confidence), 'literal');
              out.push({ method, path: full, confidence: full !== joinPaths(methodPath.text) && confidence === 'literal' ? 'resolved' : confidence, framework: 'nestjs', site: cb.site(member), handler: member });
            }
          }
        }
      }
    }
  }
  return out;
}

// ---- Next.js -----------------------------------------------------------------------------

const NEXT_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

function nextSegment(seg: string): string | undefined {
  if (/^\(.*\)$/.test(seg) || seg.startsWith('@')) return undefined; // route groups, parallel slots
  if (/^\[\[?\.\.\..+\]\]?$/.test(seg)) return '*';
  const dynamic = /^\[(.+)\]$/.exec(seg);
  return dynamic ? `:${dynamic[1]}` : seg;
}

/** Next.js route handlers (`app/**\/route.ts`), API routes (`pages/api/**`) and `basePath`. */
function nextRoutes(cb: CodeBase): FoundRoute[] {
  const dir = cb.projectDir;
  let basePath = EMPTY;
  for (const name of ['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.cjs']) {
    const file = path.join(dir, name);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const visit = (n: ts.Node): void => {
      if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'basePath') {
        const init = unwrap(n.initializer);
        basePath = ts.isStringLiteralLike(init) ? { text: init.text, confidence: 'literal' } : { text: '${?}', confidence: 'dynamic' };
        if (ts.isPropertyAccessExpression(init) && init.getText(source).startsWith('process.env.')) basePath = { text: `\${env:${init.name.text}}`, confidence: 'env-derived' };
      }
      ts.forEachChild(n, visit);
    };
    visit(source);
    break;
  }
  const out: FoundRoute[] = [];
  for (const module of cb.modules.values()) {
    const rel = path.relative(dir, module.file).split(path.sep);
    const src = rel[0] === 'src' ? rel.slice(1) : rel;
    const fileName = src[src.length - 1];
    if (src[0] === 'app' && /^route\.[jt]sx?$/.test(fileName)) {
      const segments = src.slice(1, -1).map(nextSegment).filter((s): s is string => s !== undefined);
      for (const method of NEXT_METHODS) {
        const exported = cb.resolveExport(module.file, method);
        if (!exported) continue;
        const binding = exported.module.bindings.get(exported.local);
        const handler = binding?.kind === 'function' ? binding.node : binding?.kind === 'value' ? functionOf(cb, binding.node.initializer) : undefined;
        const declNode = binding && binding.kind !== 'import' ? binding.node : module.source;
        out.push({ method, path: joinPaths(basePath.text, ...segments), confidence: basePath.confidence === 'literal' ? 'literal' : basePath.confidence, framework: 'nextjs', site: cb.site(declNode), handler });
      }
    } else if (src[0] === 'pages' && src[1] === 'api' && /\.[jt]sx?$/.test(fileName)) {
      const base = fileName.replace(/\.[jt]sx?$/, '');
      const segments = [...src.slice(1, -1), ...(base === 'index' ? [] : [base])].map(nextSegment).filter((s): s is string => s !== undefined);
      const exported = cb.resolveExport(module.file, 'default');
      if (!exported) continue;
      const binding = exported.module.bindings.get(exported.local);
      const handler =
        binding?.kind === 'function' ? binding.node : binding?.kind === 'value' ? functionOf(cb, binding.node.initializer) : binding?.kind === 'expression' ? functionOf(cb, binding.node) : undefined;
      out.push({ method: 'ALL', path: joinPaths(basePath.text, ...segments), confidence: basePath.confidence, framework: 'nextjs', site: cb.site(handler ?? module.source), handler });
    }
  }
  return out;
}

/** Every route of the project, from every framework it uses, sorted by path and method. */
export function findRoutes(cb: CodeBase, wrappers: readonly RouteWrapper[] = []): FoundRoute[] {
  const all = [...codeRoutes(cb, wrappers), ...nestRoutes(cb), ...nextRoutes(cb)];
  const seen = new Set<string>();
  return all
    .filter((r) => {
      const key = `${r.method} ${r.path} ${r.site.file}:${r.site.line}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
}
